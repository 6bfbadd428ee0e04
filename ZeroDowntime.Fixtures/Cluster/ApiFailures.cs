using k8s.Autorest;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// What a user reads when a Kubernetes call fails. The official client's own message is
/// "Operation returned an invalid status code 'Forbidden', response body {...}"; the suite says what
/// was asked and what the server answered instead (<see cref="ApiErrors.Describe(HttpOperationException)"/>).
/// </summary>
/// <example><code>
/// await kube.CoreV1.DeleteNamespacedPodAsync(name, ns).DescribeFailure();   // "DELETE /api/v1/namespaces/ray/pods/w-1 failed: 403 Forbidden: ..."
/// errors.Add($"deleting {what}: {ApiFailures.Explain(e)}");
/// </code></example>
public static class ApiFailures
{
    /// <summary>
    /// The same failure with the described message. Request, response and body are kept, so
    /// <c>IsNotFound()</c> and the other <see cref="ApiErrors"/> checks still work on it.
    /// </summary>
    public static HttpOperationException Described(this HttpOperationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var description = exception.Describe();
        return exception.Message == description
            ? exception
            : new HttpOperationException(description, exception) { Request = exception.Request, Response = exception.Response, Body = exception.Body };
    }

    /// <summary>Awaits <paramref name="call"/>; an API failure is rethrown <see cref="Described"/>.</summary>
    /// <example><code>
    /// await kube.CoreV1.DeleteNamespacedPodAsync(name, ns).DescribeFailure();
    /// </code></example>
    public static async Task<T> DescribeFailure<T>(this Task<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw e.Described();
        }
    }

    /// <summary>One line for a message: the described API failure, else the exception's own message.</summary>
    public static string Explain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is HttpOperationException api ? api.Describe() : exception.Message;
    }
}
