using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>Builds the inference request every probe, load generator and validation sends, from the target settings.</summary>
public static class TargetRequests
{
    /// <summary>POST <paramref name="baseUri"/> + the endpoint path, the configured body, and the configured success check.</summary>
    public static InferenceRequest Inference(TargetSettings target, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(target);
        var root = baseUri.AbsoluteUri.TrimEnd('/');
        return new InferenceRequest
        {
            Uri = new Uri(root + target.EndpointPath),
            JsonBody = target.CreateRequestBody(),
            Check = ResponseCheck.Custom(
                $"HTTP {target.SuccessStatusCode} with non-empty '{target.ResponseTextField}'",
                target.IsSuccessfulResponse),
        };
    }

    /// <summary>The probe's connection mode for a configured <see cref="ProbeMode"/>.</summary>
    public static ConnectionMode ToConnectionMode(ProbeMode mode) =>
        mode == ProbeMode.KeepAlive ? ConnectionMode.KeepAlive : ConnectionMode.FreshConnection;
}
