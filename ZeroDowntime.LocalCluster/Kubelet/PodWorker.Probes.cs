using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Kubelet;

internal sealed partial class PodWorker
{
    /// <summary>Startup first; once it passes, readiness and liveness side by side, as the kubelet's prober workers.</summary>
    private async Task RunProbesAsync(ContainerRuntime c, CancellationToken ct)
    {
        try
        {
            if (c.Probe("startupProbe") is { } startup)
            {
                var passed = await ProbeUntilAsync(c, "Startup", startup, ct).ConfigureAwait(false);
                if (!passed)
                {
                    return;
                }

                lock (_gate)
                {
                    c.Started = true;
                    c.Ready = c.Probe("readinessProbe") is null;
                }

                SyncStatus();
            }

            var loops = new List<Task>();
            if (c.Probe("readinessProbe") is { } readiness)
            {
                loops.Add(ProbeLoopAsync(c, "Readiness", readiness, ct));
            }

            if (c.Probe("livenessProbe") is { } liveness)
            {
                loops.Add(ProbeLoopAsync(c, "Liveness", liveness, ct));
            }

            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The container stopped or the pod is terminating.
        }
        catch (Exception e)
        {
            await _kubelet.LogAsync($"pod {Namespace}/{Name} container {c.Name}: probe loop failed: {e.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>Runs the startup probe until it passes (true) or fails failureThreshold times in a row (false: the container is restarted).</summary>
    private async Task<bool> ProbeUntilAsync(ContainerRuntime c, string kind, JsonObject probe, CancellationToken ct)
    {
        var settings = ProbeSettings.From(probe);
        await Task.Delay(settings.InitialDelay, _api.Time, ct).ConfigureAwait(false);
        var failures = 0;
        while (true)
        {
            var result = await RunProbeOnceAsync(c, probe, settings, ct).ConfigureAwait(false);
            if (result.Success)
            {
                return true;
            }

            _kubelet.RecordEvent(this, c.Name, "Warning", "Unhealthy", $"{kind} probe failed: {result.Message}");
            if (++failures >= settings.FailureThreshold)
            {
                KillForRestart(c, $"Container {c.Name} failed {kind.ToLowerInvariant()} probe, will be restarted");
                return false;
            }

            await Task.Delay(settings.Period, _api.Time, ct).ConfigureAwait(false);
        }
    }

    private async Task ProbeLoopAsync(ContainerRuntime c, string kind, JsonObject probe, CancellationToken ct)
    {
        var settings = ProbeSettings.From(probe);
        await Task.Delay(settings.InitialDelay, _api.Time, ct).ConfigureAwait(false);
        var successes = 0;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var result = await RunProbeOnceAsync(c, probe, settings, ct).ConfigureAwait(false);
            if (result.Success)
            {
                failures = 0;
                successes++;
                if (kind == "Readiness" && successes >= settings.SuccessThreshold)
                {
                    SetReady(c, true);
                }
            }
            else
            {
                successes = 0;
                failures++;
                _kubelet.RecordEvent(this, c.Name, "Warning", "Unhealthy", $"{kind} probe failed: {result.Message}");
                if (failures >= settings.FailureThreshold)
                {
                    if (kind == "Readiness")
                    {
                        SetReady(c, false);
                    }
                    else
                    {
                        KillForRestart(c, $"Container {c.Name} failed liveness probe, will be restarted");
                        return;
                    }
                }
            }

            await Task.Delay(settings.Period, _api.Time, ct).ConfigureAwait(false);
        }
    }

    private async Task<ProbeResult> RunProbeOnceAsync(ContainerRuntime c, JsonObject probe, ProbeSettings settings, CancellationToken ct)
    {
        string ip;
        IReadOnlyDictionary<string, string> env;
        lock (_gate)
        {
            ip = _address?.ToString() ?? "127.0.0.1";
            env = c.Env;
        }

        return await HandlerRunner.RunAsync(probe, ip, c.Spec, env, settings.Timeout, ct).ConfigureAwait(false);
    }

    private void SetReady(ContainerRuntime c, bool ready)
    {
        lock (_gate)
        {
            if (c.Ready == ready || !c.IsRunning)
            {
                return;
            }

            c.Ready = ready;
        }

        SyncStatus();
    }

    /// <summary>A failed liveness/startup probe: stop the container with the pod's grace period; its loop restarts it.</summary>
    private void KillForRestart(ContainerRuntime c, string message)
    {
        lock (_gate)
        {
            if (!c.IsRunning || _terminating)
            {
                return;
            }

            c.StopReason = message;
        }

        _kubelet.RecordEvent(this, c.Name, "Normal", "Killing", message);
        _ = StopContainerAsync(c, _api.Time.GetUtcNow() + PodGracePeriod, runPreStop: true);
    }

    /// <summary>A probe's timing, with the API's defaults.</summary>
    private readonly record struct ProbeSettings(TimeSpan InitialDelay, TimeSpan Period, TimeSpan Timeout, int SuccessThreshold, int FailureThreshold)
    {
        public static ProbeSettings From(JsonObject probe) => new(
            TimeSpan.FromSeconds(Math.Max(0, probe.GetInt64("initialDelaySeconds") ?? 0)),
            TimeSpan.FromSeconds(Math.Max(1, probe.GetInt64("periodSeconds") ?? 10)),
            TimeSpan.FromSeconds(Math.Max(1, probe.GetInt64("timeoutSeconds") ?? 1)),
            (int)Math.Max(1, probe.GetInt64("successThreshold") ?? 1),
            (int)Math.Max(1, probe.GetInt64("failureThreshold") ?? 3));
    }
}
