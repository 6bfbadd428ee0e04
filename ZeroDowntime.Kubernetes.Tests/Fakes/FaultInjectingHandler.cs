using System.Collections.Concurrent;
using System.Net.Sockets;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>
/// A transport wrapper (a connection's primary handler) that records every attempt and can fail the next
/// ones the way a socket does, below the retry handler: the only way to inject network faults in front of
/// the real embedded cluster.
/// </summary>
/// <example><code>
/// var faults = new FaultInjectingHandler();
/// using var kube = cluster.CreateClient(options, inner => faults.Wrap(inner));
/// faults.RefuseNext(2);
/// </code></example>
public sealed class FaultInjectingHandler
{
    private readonly ConcurrentQueue<string> _attempts = new();
    private readonly ConcurrentQueue<Func<Exception>> _faults = new();

    /// <summary>Every attempt that reached the transport, as <c>METHOD /path?query</c>, failed or not.</summary>
    public IReadOnlyList<string> Attempts => _attempts.ToArray();

    /// <summary>The next <paramref name="count"/> attempts fail as a refused connection.</summary>
    public void RefuseNext(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(() => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused",
                new SocketException((int)SocketError.ConnectionRefused)));
        }
    }

    /// <summary>The next attempt fails with <paramref name="fault"/>.</summary>
    public void FailNext(Func<Exception> fault) => _faults.Enqueue(fault);

    /// <summary>Wraps the real transport.</summary>
    public HttpMessageHandler Wrap(HttpMessageHandler inner) => new Injector(this, inner);

    private sealed class Injector(FaultInjectingHandler owner, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            owner._attempts.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery}");
            return owner._faults.TryDequeue(out var fault) ? Task.FromException<HttpResponseMessage>(fault()) : base.SendAsync(request, cancellationToken);
        }
    }
}
