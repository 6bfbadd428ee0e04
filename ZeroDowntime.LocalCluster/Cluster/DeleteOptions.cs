using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>metav1.DeleteOptions: grace period, propagation and preconditions.</summary>
public sealed record DeleteOptions
{
    /// <summary>Seconds of grace (pods only); null for the pod's terminationGracePeriodSeconds.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>Propagation policy; null for the resource's default.</summary>
    public PropagationPolicy? PropagationPolicy { get; init; }

    /// <summary>Legacy orphanDependents flag; used only when <see cref="PropagationPolicy"/> is null.</summary>
    public bool? OrphanDependents { get; init; }

    /// <summary>Delete only if the object still has this uid.</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Delete only if the object still has this resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary>Reads a DeleteOptions JSON body (null body gives the defaults).</summary>
    public static DeleteOptions FromJson(JsonObject? body)
    {
        if (body is null)
        {
            return new DeleteOptions();
        }

        return new DeleteOptions
        {
            GracePeriodSeconds = body.GetInt64("gracePeriodSeconds"),
            PropagationPolicy = ParsePolicy(body.GetString("propagationPolicy")),
            OrphanDependents = body.GetBool("orphanDependents"),
            PreconditionUid = body.GetString("preconditions", "uid"),
            PreconditionResourceVersion = body.GetString("preconditions", "resourceVersion"),
        };
    }

    /// <summary>Parses <c>Background</c>/<c>Orphan</c>/<c>Foreground</c>; 400 on anything else.</summary>
    public static PropagationPolicy? ParsePolicy(string? value) => value switch
    {
        null or "" => null,
        "Background" => Storage.PropagationPolicy.Background,
        "Orphan" => Storage.PropagationPolicy.Orphan,
        "Foreground" => Storage.PropagationPolicy.Foreground,
        _ => throw ApiException.BadRequest($"DeleteOptions.propagationPolicy: Unsupported value: \"{value}\": supported values: \"Foreground\", \"Background\", \"Orphan\""),
    };
}

/// <summary>The outcome of a delete.</summary>
/// <param name="Object">The object: its final state when removed, else its state with deletionTimestamp set.</param>
/// <param name="Removed">True when the object is gone; false when graceful termination or finalizers keep it.</param>
public sealed record DeleteResult(JsonObject Object, bool Removed);
