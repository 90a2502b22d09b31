namespace Sonic.Orchestration.Activities;

public sealed record PublishInput(string JobId, string FileName);
