using System.Net;
using Sonic.Orchestration.Networking;

namespace Sonic.Api.Tests;

public sealed class NetworkAddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("20.60.1.1", true)]
    [InlineData("2606:4700::1111", true)]
    public void IsPublic_SeparatesPublicFromLocalAddresses(string address, bool expected) =>
        Assert.Equal(expected, NetworkAddressRules.IsPublic(IPAddress.Parse(address)));
}
