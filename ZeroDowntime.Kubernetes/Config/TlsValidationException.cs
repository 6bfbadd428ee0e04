using System.Net.Http;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// Thrown by the handler from <see cref="ClusterConnection.CreatePrimaryHandler"/> when the API
/// server's certificate is rejected. It is an <see cref="HttpRequestException"/> (with
/// <see cref="HttpRequestError.SecureConnectionError"/>), so existing catch blocks still see it,
/// but its <see cref="Exception.Message"/> says why (expired, untrusted, name mismatch) instead of
/// .NET's generic "The remote certificate was rejected". Clients should not retry it: it is not transient.
/// </summary>
public sealed class TlsValidationException : HttpRequestException
{
    /// <summary>Wraps the transport's exception with the recorded validation failure.</summary>
    public TlsValidationException(TlsValidationFailure failure, Exception? innerException)
        : base(HttpRequestError.SecureConnectionError, failure.Message, innerException)
    {
        Failure = failure;
    }

    /// <summary>The reason and message recorded during the handshake.</summary>
    public TlsValidationFailure Failure { get; }

    /// <summary>Why the certificate was rejected.</summary>
    public TlsFailureReason Reason => Failure.Reason;

    /// <summary>
    /// Finds a <see cref="TlsValidationException"/> anywhere in <paramref name="exception"/>'s
    /// inner-exception chain (e.g. under a client's own wrapper or an <see cref="AggregateException"/>).
    /// </summary>
    public static TlsValidationException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is TlsValidationException tls)
            {
                return tls;
            }

            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(Find).FirstOrDefault(found => found is not null);
            }
        }

        return null;
    }
}
