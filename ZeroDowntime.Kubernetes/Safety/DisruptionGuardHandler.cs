namespace ZeroDowntime.Kubernetes.Safety;

/// <summary>
/// The gate every Kubernetes API request passes. Requests that <see cref="DisruptiveRequestClassifier"/>
/// marks as disruptive are refused with <see cref="DisruptionNotAllowedException"/> before anything
/// is sent when the <see cref="DisruptionGate"/> is closed; all other requests pass untouched.
/// Install it through <see cref="KubeClientOptions.Handlers"/> (outermost first).
/// </summary>
/// <example>
/// <code>
/// IKubernetes kube = connection.CreateClient(new KubeClientOptions { Handlers = [() => new DisruptionGuardHandler(gate)] });
/// </code>
/// </example>
public sealed class DisruptionGuardHandler : DelegatingHandler
{
    /// <summary>Creates a handler whose inner handler is set later (by the client or a handler chain).</summary>
    public DisruptionGuardHandler(DisruptionGate gate)
    {
        Gate = gate ?? throw new ArgumentNullException(nameof(gate));
    }

    /// <summary>Creates a handler in front of <paramref name="innerHandler"/>.</summary>
    public DisruptionGuardHandler(DisruptionGate gate, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        Gate = gate ?? throw new ArgumentNullException(nameof(gate));
    }

    /// <summary>The policy this handler enforces.</summary>
    public DisruptionGate Gate { get; }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Check(request);
        return base.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Check(request);
        return base.Send(request, cancellationToken);
    }

    private void Check(HttpRequestMessage request)
    {
        var disruptive = DisruptiveRequestClassifier.Classify(request.Method, request.RequestUri);
        if (disruptive is not null)
        {
            Gate.EnsureOpen(disruptive.Description);
        }
    }
}
