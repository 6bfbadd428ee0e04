using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Kubernetes.Http;

/// <summary>
/// Bounded retries, which the official client does not have: idempotent calls (GET, HEAD, PUT, DELETE)
/// are repeated after 429 (honouring Retry-After), 5xx other than 501/505, and connection failures,
/// except that an application's 5xx/429 through the API server's proxy is returned as it came,
/// with jittered exponential backoff. POST and PATCH are never repeated: an eviction or a create that
/// timed out may have happened. Each attempt has <see cref="KubeClientOptions.RequestTimeout"/>;
/// non-streaming bodies are read within it, so a server that stalls mid-body is retried too. A
/// connection that cannot be made ends as <see cref="KubernetesConnectionException"/> naming the
/// server and the reason; a stalled attempt as <see cref="TimeoutException"/>.
/// </summary>
public sealed class RetryHandler : DelegatingHandler
{
    private readonly Uri _server;
    private readonly KubeClientOptions _options;

    /// <summary>Creates the handler for calls to <paramref name="server"/>.</summary>
    public RetryHandler(Uri server, KubeClientOptions options)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var display = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        var retryable = IsIdempotent(request.Method);
        var streaming = IsStreaming(request.RequestUri);
        var proxied = IsProxied(request.RequestUri);
        var copy = retryable ? await RequestCopy.CaptureAsync(request, cancellationToken).ConfigureAwait(false) : null;
        var message = request;
        for (var retries = 0; ; message = copy!.Create())
        {
            cancellationToken.ThrowIfCancellationRequested();
            HttpResponseMessage? response = null;
            Exception? failure = null;
            var answered = false;
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    response = await base.SendAsync(message, linked.Token).ConfigureAwait(false);
                    if (!streaming)
                    {
                        await response.Content.LoadIntoBufferAsync(linked.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    failure = new TimeoutException(
                        $"{display} timed out after {_options.RequestTimeout.TotalSeconds:0.###} s waiting for the Kubernetes API server at {KubernetesConnectionException.Display(_server)}.");
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
                {
                    answered = response is not null;
                    response?.Dispose();
                    failure = ex;
                }
                catch (Exception ex) when (IsMalformedResponse(ex))
                {
                    response?.Dispose();
                    failure = new HttpRequestException(HttpRequestError.InvalidResponse, "the server's response could not be parsed (" + ex.Message + ")", ex);
                }
            }

            if (failure is not null)
            {
                var reason = failure is TimeoutException ? "timed out" : DescribeConnectionFailure(failure, answered);
                if (!retryable || retries >= _options.MaxRetries || !IsTransient(failure))
                {
                    throw failure is TimeoutException ? failure : new KubernetesConnectionException(_server, reason, failure);
                }

                retries++;
                _options.Retries?.CountConnectionFailure();
                var wait = Backoff(retries);
                Log($"{display}: {reason}; retry {retries} of {_options.MaxRetries} in {wait.TotalSeconds:0.###} s");
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var status = response!.StatusCode;
            // Through pods/proxy and services/proxy a 5xx or 429 is the application's answer, which the
            // suite measures; repeating it would hide an outage. Connection failures to the API server are still retried.
            if (!retryable || proxied || !IsRetryableStatus(status) || retries >= _options.MaxRetries)
            {
                return response;
            }

            retries++;
            _options.Retries?.CountAnswer();
            var delay = RetryAfter(response) ?? Backoff(retries);
            Log($"{display}: {(int)status} {status}; retry {retries} of {_options.MaxRetries} in {delay.TotalSeconds:0.###} s");
            response.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The reason a connection failed, in a few words (TLS reasons come from the kubeconfig's validator).</summary>
    public static string DescribeConnectionFailure(Exception failure) => DescribeConnectionFailure(failure, answered: false);

    /// <summary>As <see cref="DescribeConnectionFailure(Exception)"/>; <paramref name="answered"/>: the response headers had arrived.</summary>
    internal static string DescribeConnectionFailure(Exception failure, bool answered)
    {
        if (TlsValidationException.Find(failure) is { } rejected) return rejected.Message;
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }: return "connection refused";
                case SocketException { SocketErrorCode: SocketError.ConnectionReset }: return "connection reset";
                case SocketException { SocketErrorCode: SocketError.TimedOut }: return "connection timed out";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }: return "host not found";
                case SocketException socket: return socket.Message;
                case AuthenticationException tls: return $"TLS handshake failed: {tls.Message}";
            }
        }

        // A body cut short surfaces as ResponseEnded too, wrapped or not: only the caller knows whether headers had come.
        var ended = false;
        for (var e = failure; e is not null; e = e.InnerException)
        {
            ended |= e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } or HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded };
        }

        return !ended ? failure.Message
            : answered ? "the server closed the connection mid-response"
            : "the server closed the connection before responding";
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete;

    // Watches and log follows stay open; only their headers fall under the attempt's deadline.
    private static bool IsStreaming(Uri? uri) =>
        uri?.Query is { Length: > 0 } query
        && (query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) || query.Contains("follow=true", StringComparison.OrdinalIgnoreCase));

    private static bool IsProxied(Uri? uri) =>
        uri?.AbsolutePath is { } path
        && (path.Contains("/proxy/", StringComparison.Ordinal) || path.EndsWith("/proxy", StringComparison.Ordinal));

    // 429 and server-side failures; 501/505 mean "never", so they are not worth repeating.
    private static bool IsRetryableStatus(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests ||
        ((int)status >= 500 && status is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);

    /// <summary>
    /// The .NET HTTP stack itself threw while reading a response (seen: <c>ArgumentOutOfRangeException</c> from
    /// <c>HttpConnection.ParseStatusLine</c> on a keep-alive connection after a watch stream the server ended): the
    /// connection is discarded, so for an idempotent call a fresh attempt is safe, as after a reset.
    /// </summary>
    internal static bool IsMalformedResponse(Exception failure) =>
        failure is ArgumentException or FormatException && ThrownBy(failure)?.StartsWith("System.Net.Http", StringComparison.Ordinal) == true;

    // The namespace of the first frame past the runtime's throw helpers (ArgumentOutOfRangeException.ThrowIf..., in System).
    private static string? ThrownBy(Exception failure) =>
        new System.Diagnostics.StackTrace(failure, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod()?.DeclaringType?.Namespace)
            .FirstOrDefault(ns => ns is not null && ns != "System");

    // A bad certificate or an unknown host will not fix itself within a few seconds.
    private static bool IsTransient(Exception failure) =>
        failure is not HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError or HttpRequestError.NameResolutionError }
        && TlsValidationException.Find(failure) is null;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (delay is null) return null;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > _options.MaxRetryAfter ? _options.MaxRetryAfter : delay;
    }

    private TimeSpan Backoff(int retry)
    {
        var exponential = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(exponential, _options.MaxBackoff.TotalMilliseconds);

        // Jitter in [50%, 100%] so many clients retrying together spread out.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private void Log(string line) => _options.Log?.Invoke(line);
}
