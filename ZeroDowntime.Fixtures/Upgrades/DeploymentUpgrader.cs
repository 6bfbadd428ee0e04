using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Upgrades;

/// <summary>
/// Changes a Deployment's image the way <c>kubectl set image</c> does (a strategic merge patch of the
/// one container's image, nothing read and written back), and watches its rollout to completion the
/// way <c>kubectl rollout status</c> decides it, from watch events.
/// </summary>
/// <example><code>
/// var change = await DeploymentUpgrader.SetImageAsync(kube, "default", "ray-worker", null, "zerodowntime/mock-vllm:upgraded");
/// var rollout = await DeploymentUpgrader.WatchRolloutAsync(kube, "default", change, TimeSpan.FromMinutes(10), step => log(step.Describe(change.Replicas)));
/// </code></example>
public static class DeploymentUpgrader
{
    /// <summary>
    /// Sets the image of <paramref name="container"/> (null: the first container) of <paramref name="deployment"/>
    /// to <paramref name="image"/> with a strategic merge patch (a disruptive request: it passes the gate only where disruption is allowed).
    /// </summary>
    public static async Task<ImageChange> SetImageAsync(IKubernetes client, string @namespace, string deployment, string? container, string image, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var current = await client.AppsV1.ReadNamespacedDeploymentAsync(deployment, @namespace, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        var containers = current.Spec.Template.Spec.Containers;
        var target = (container is null ? containers.FirstOrDefault() : containers.FirstOrDefault(c => c.Name == container))
            ?? throw new InvalidOperationException($"Deployment {deployment} has no container {container ?? "at all"}; its containers are {string.Join(", ", containers.Select(c => c.Name))}.");

        // kubectl set image sends exactly this: the container by name with its new image, and the list order kept.
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["$setElementOrder/containers"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name })]),
                        ["containers"] = new JsonArray(new JsonObject { ["image"] = image, ["name"] = target.Name }),
                    },
                },
            },
        };
        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), deployment, @namespace,
            cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        var acceptedAt = MeasurementClock.UtcNow;
        var replicas = patched.Spec.Replicas ?? 1;
        var rolling = patched.Spec.Strategy?.RollingUpdate;
        var surge = Resolve(rolling?.MaxSurge, replicas, roundUp: true);
        var unavailable = Resolve(rolling?.MaxUnavailable, replicas, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1; // the controller's own rule, so a rollout can progress
        }

        return new ImageChange(deployment, target.Name, target.Image, image, patched.Metadata.Generation ?? 0, acceptedAt, replicas, surge,
            Math.Min(unavailable, replicas), LabelSelectorText.Format(patched.Spec.Selector));
    }

    /// <summary>
    /// Watches the Deployment until its rollout of <paramref name="change"/> is complete (observedGeneration reached, every replica
    /// updated and available, no old replica left) or <paramref name="deadline"/> after the change; reports every status change.
    /// </summary>
    public static async Task<RolloutResult> WatchRolloutAsync(IKubernetes client, string @namespace, ImageChange change, TimeSpan deadline,
        Action<RolloutStep>? onStep = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(change);
        var steps = new List<RolloutStep>();
        var last = "no status seen";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var left = change.AcceptedAt + deadline - MeasurementClock.UtcNow;
        timeout.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
        try
        {
            var options = new WatchOptions { FieldSelector = $"metadata.name={change.Deployment}" };
            await foreach (var (_, deployment) in client.ListAndWatchAsync(KubeResources.Deployments, @namespace, options, timeout.Token).ConfigureAwait(false))
            {
                var status = deployment.Status;
                var step = new RolloutStep(MeasurementClock.UtcNow, status?.UpdatedReplicas ?? 0, status?.ReadyReplicas ?? 0, status?.AvailableReplicas ?? 0, status?.Replicas ?? 0);
                if (steps.Count == 0 || steps[^1] with { Time = step.Time } != step)
                {
                    steps.Add(step);
                    onStep?.Invoke(step);
                }

                last = step.Describe(change.Replicas) + string.Create(CultureInfo.InvariantCulture, $", observed generation {status?.ObservedGeneration ?? 0} of {change.Generation}");
                if (IsComplete(deployment, change.Generation))
                {
                    return new RolloutResult(step.Time, steps, last);
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The deadline passed: the result says so with the last status.
        }

        ct.ThrowIfCancellationRequested();
        return new RolloutResult(null, steps, last);
    }

    /// <summary><c>kubectl rollout status</c>'s test: the new generation observed, every replica updated and available, no old one left.</summary>
    public static bool IsComplete(V1Deployment deployment, long generation)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var status = deployment.Status;
        if (status is null || (status.ObservedGeneration ?? 0) < generation)
        {
            return false;
        }

        var updated = status.UpdatedReplicas ?? 0;
        return updated >= (deployment.Spec.Replicas ?? 1) && (status.Replicas ?? 0) <= updated && (status.AvailableReplicas ?? 0) >= updated;
    }

    private static int Resolve(IntOrString? value, int replicas, bool roundUp)
    {
        var text = value?.Value ?? "25%"; // the API's default for both
        if (!text.EndsWith('%'))
        {
            return int.Parse(text, CultureInfo.InvariantCulture);
        }

        var scaled = double.Parse(text[..^1], CultureInfo.InvariantCulture) * replicas / 100.0;
        return (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
    }
}
