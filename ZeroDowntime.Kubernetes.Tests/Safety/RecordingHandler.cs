using System.Collections.Concurrent;
using System.Net;

namespace ZeroDowntime.Kubernetes.Tests.Safety;

/// <summary>The innermost handler in guard tests: records every request that got through and answers 200.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<string> received = new();

    public IReadOnlyCollection<string> Received => received.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        received.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery}");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
    }
}
