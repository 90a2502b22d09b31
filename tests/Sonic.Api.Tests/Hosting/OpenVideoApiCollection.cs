namespace Sonic.Api.Tests.Hosting;

/// <summary>One open API host (Kestrel + in-memory durable backend) shared by the test classes that use it.</summary>
[CollectionDefinition(OpenVideoApiHost.Collection)]
public sealed class OpenVideoApiCollection : ICollectionFixture<OpenVideoApiHost>;
