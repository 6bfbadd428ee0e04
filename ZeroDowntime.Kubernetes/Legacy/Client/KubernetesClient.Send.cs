using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ZeroDowntime.Kubernetes.Legacy;

// The request pipeline: credentials, per-attempt timeout, 401 refresh, bounded retries with backoff.
public sealed partial class KubernetesClient
{
    private const string UserAgent = "zerodowntime-kubernetes/1.0";

    /// <summary>
    /// Sends <paramref name="request"/> and returns the final response whatever its status. Non-streaming
    /// responses are fully buffered inside the timeout; streaming ones return after the headers.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(ApiRequest request, bool streaming, CancellationToken cancellationToken)
    {
        var retries = 0;
        var credentialsRefreshed = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            HttpResponseMessage? response = null;
            Exception? connectionFailure = null;
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    var message = await BuildMessageAsync(request, linked.Token).ConfigureAwait(false);
                    response = await _http.SendAsync(message, linked.Token).ConfigureAwait(false);
                    if (!streaming) await response.Content.LoadIntoBufferAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    throw new TimeoutException(
                        $"{request.Display} timed out after {_options.RequestTimeout.TotalSeconds:0.###} s waiting for the Kubernetes API server at {KubernetesConnectionException.Display(Server)}.");
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
                {
                    response?.Dispose();
                    connectionFailure = ex;
                }
            }

            if (connectionFailure is not null)
            {
                var reason = DescribeConnectionFailure(connectionFailure);
                if (!request.Retryable || retries >= _options.MaxRetries || !IsTransient(connectionFailure))
                    throw new KubernetesConnectionException(Server, reason, connectionFailure);
                retries++;
                var wait = Backoff(retries);
                Log($"{request.Display}: {reason}; retry {retries} of {_options.MaxRetries} in {wait.TotalSeconds:0.###} s");
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var status = response!.StatusCode;
            if (status == HttpStatusCode.Unauthorized && _connection.Credentials is { } credentials && !credentialsRefreshed)
            {
                credentialsRefreshed = true;
                if (await credentials.InvalidateAsync(cancellationToken).ConfigureAwait(false))
                {
                    Log($"{request.Display}: 401 Unauthorized; credentials refreshed, retrying once");
                    response.Dispose();
                    continue;
                }
            }

            if (request.Retryable && IsRetryableStatus(status) && retries < _options.MaxRetries)
            {
                retries++;
                var wait = RetryAfter(response) ?? Backoff(retries);
                Log($"{request.Display}: {(int)status} {status}; retry {retries} of {_options.MaxRetries} in {wait.TotalSeconds:0.###} s");
                response.Dispose();
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return response;
        }
    }

    private async Task<HttpRequestMessage> BuildMessageAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(_serverBase + request.Path + request.Query));
        message.Headers.Accept.ParseAdd(request.Accept);
        message.Headers.UserAgent.ParseAdd(UserAgent);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json");
        }
        if (_connection.Credentials is { } credentials)
            await credentials.ApplyAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    // 429 and server-side failures; 501/505 mean "never", so they are not worth repeating.
    private static bool IsRetryableStatus(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests ||
        ((int)status >= 500 && status is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);

    // A bad certificate or an unknown host will not fix itself within a few seconds.
    private static bool IsTransient(Exception failure) =>
        failure is not HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError or HttpRequestError.NameResolutionError };

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
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    private static string DescribeConnectionFailure(Exception failure)
    {
        // The kubeconfig's TLS handler knows why it rejected the certificate; .NET's own text does not.
        if (Config.TlsValidationException.Find(failure) is { } rejected) return rejected.Message;
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
        return failure is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }
            ? "the server closed the connection before responding"
            : failure.Message;
    }

    private void Log(string line) => _options.Log?.Invoke(line);
}
