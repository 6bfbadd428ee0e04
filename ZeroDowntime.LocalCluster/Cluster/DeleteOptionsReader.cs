using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>Reads the library's <see cref="V1DeleteOptions"/> from a request body and checks its propagation policy.</summary>
/// <example><code>
/// var options = DeleteOptionsReader.FromJson(body);       // gracePeriodSeconds, propagationPolicy, preconditions
/// var policy = DeleteOptionsReader.ParsePolicy("Orphan");  // PropagationPolicy.Orphan
/// </code></example>
public static class DeleteOptionsReader
{
    /// <summary>Reads a DeleteOptions JSON body (null body gives the defaults); 400 when it is not one.</summary>
    public static V1DeleteOptions FromJson(JsonObject? body)
    {
        if (body is null)
        {
            return new V1DeleteOptions();
        }

        V1DeleteOptions options;
        try
        {
            options = KubeJson.Deserialize<V1DeleteOptions>(body);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"the body of the request is not a valid DeleteOptions: {e.Message}");
        }

        ParsePolicy(options.PropagationPolicy);
        return options;
    }

    /// <summary>Parses <c>Background</c>/<c>Orphan</c>/<c>Foreground</c> (null or empty: none); 400 on anything else.</summary>
    public static PropagationPolicy? ParsePolicy(string? value) => value switch
    {
        null or "" => null,
        "Background" => PropagationPolicy.Background,
        "Orphan" => PropagationPolicy.Orphan,
        "Foreground" => PropagationPolicy.Foreground,
        _ => throw ApiException.BadRequest($"DeleteOptions.propagationPolicy: Unsupported value: \"{value}\": supported values: \"Foreground\", \"Background\", \"Orphan\""),
    };
}
