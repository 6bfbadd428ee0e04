namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>One request the fake API server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Query,
    string? Authorization, string? ContentType, string Body);
