namespace Soakline.Cli.Tests.Infrastructure;

/// <summary>A request the fake API received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string ApiKey, string Body, string FunctionKey = "");
