using System.Globalization;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Http.Faults;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

public sealed partial class ApiServer
{
    /// <summary>The control-plane faults injected into API calls; null (default) for none.</summary>
    public ApiFaults? Faults { get; init; }

    /// <summary>
    /// Applies the fault profile before a resource call is served: latency, then (for GET/PUT/DELETE)
    /// 429, 500/503 or a reset, and a delay for evictions. Returns true when the call was answered
    /// (or aborted) here. Only resource URLs are faulted: pods/proxy and services/proxy carry the
    /// probes' and load's traffic in some modes, and a fault there would be measured as the target's
    /// downtime; discovery, /version and health are not calls the suite's client makes.
    /// </summary>
    private async Task<bool> InjectFaultAsync(HttpContext http, RequestTarget target)
    {
        if (Faults is not { } faults || target.Subresource is "proxy")
        {
            return false;
        }

        var latency = faults.NextLatency();
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, http.RequestAborted).ConfigureAwait(false);
        }

        var method = http.Request.Method;
        if (target.Subresource is "eviction" && HttpMethods.IsPost(method) && faults.NextEvictionDelay() is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, http.RequestAborted).ConfigureAwait(false);
        }

        if (!(HttpMethods.IsGet(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method)))
        {
            return false;
        }

        switch (faults.NextError())
        {
            case ApiFault.TooManyRequests:
                http.Response.Headers.RetryAfter = "1";
                await Responses.WriteErrorAsync(http, new ApiException(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later (injected by zd-local faults)")).ConfigureAwait(false);
                return true;
            case ApiFault.InternalError:
                await Responses.WriteErrorAsync(http, new ApiException(500, "InternalError", "Internal error occurred: injected by zd-local faults")).ConfigureAwait(false);
                return true;
            case ApiFault.ServiceUnavailable:
                http.Response.Headers.RetryAfter = "1";
                await Responses.WriteErrorAsync(http, new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request (injected by zd-local faults)")).ConfigureAwait(false);
                return true;
            case ApiFault.Reset:
                http.Abort();
                return true;
            default:
                return false;
        }
    }

    /// <summary>How long this watch may stay open under the fault profile (null: no limit), and whether its resume is refused with 410.</summary>
    private (TimeSpan? Lifetime, bool Expired) WatchFaults(string? resourceVersion)
    {
        if (Faults is not { } faults)
        {
            return (null, false);
        }

        var resume = long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) && rv > 0;
        return (faults.NextWatchLifetime(), resume && faults.NextResumeExpired());
    }
}
