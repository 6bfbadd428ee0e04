using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Kubelet;

internal sealed partial class PodWorker
{
    /// <summary>One container's life: start, probe, wait for exit, restart with back-off per restartPolicy.</summary>
    private async Task RunContainerAsync(ContainerRuntime c)
    {
        var stopping = _lifetime.Token;
        while (!stopping.IsCancellationRequested)
        {
            var process = TryStart(c);
            if (process is null)
            {
                return;
            }

            var code = await process.Exited.ConfigureAwait(false);
            var livenessKill = RecordExit(c, code);
            if (stopping.IsCancellationRequested || !ShouldRestart(code, livenessKill))
            {
                return;
            }

            var delay = BackoffBeforeRestart(c);
            if (delay > TimeSpan.Zero)
            {
                lock (_gate)
                {
                    c.State = ContainerStateKind.Waiting;
                    c.Reason = "CrashLoopBackOff";
                    c.Message = $"back-off {Seconds(delay)} restarting failed container={c.Name} pod={Name}_{Namespace}({Uid})";
                }

                _kubelet.RecordEvent(this, c.Name, "Warning", "BackOff", $"Back-off restarting failed container {c.Name} in pod {Name}_{Namespace}({Uid})");
                SyncStatus();
                try
                {
                    // The back-off itself is the behaviour under test (CrashLoopBackOff timing).
                    await Task.Delay(delay, _api.Time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            lock (_gate)
            {
                c.RestartCount++;
            }
        }
    }

    private bool ShouldRestart(int exitCode, bool livenessKill) => RestartPolicy switch
    {
        "Never" => false,
        "OnFailure" => exitCode != 0 || livenessKill,
        _ => true,
    };

    private TimeSpan BackoffBeforeRestart(ContainerRuntime c)
    {
        // As the kubelet: the first restart is immediate, then base, 2*base, ... capped; reset after a long clean run.
        int steps;
        lock (_gate)
        {
            var ranFor = (c.FinishedAt ?? DateTimeOffset.MinValue) - (c.StartedAt ?? DateTimeOffset.MaxValue);
            if (ranFor > 2 * _kubelet.Options.CrashLoopBackoffMax)
            {
                c.BackoffSteps = 0;
            }

            steps = c.BackoffSteps++;
        }

        if (steps == 0)
        {
            return TimeSpan.Zero;
        }

        var options = _kubelet.Options;
        var factor = Math.Pow(2, Math.Min(steps - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.CrashLoopBackoffMax.Ticks, options.CrashLoopBackoffBase.Ticks * factor));
        return delay;
    }

    /// <summary>Resolves and starts the container's process; null when it cannot run (the reason is in its status and an event).</summary>
    private SupervisedProcess? TryStart(ContainerRuntime c)
    {
        JsonObject pod;
        lock (_gate)
        {
            pod = (JsonObject)Pod.DeepClone();
            var status = pod.Ensure("status");
            status["podIP"] = _address?.ToString();
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = _address?.ToString() });
            status["hostIP"] = _kubelet.HostIp(NodeName);
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = _kubelet.HostIp(NodeName) });
        }

        Dictionary<string, string> env;
        try
        {
            env = ContainerEnvironment.Build(_api, pod, c.Spec);
        }
        catch (ContainerConfigException e)
        {
            return CannotStart(c, "CreateContainerConfigError", e.Message, "Failed", $"Error: {e.Message}");
        }

        var options = _kubelet.Options;
        if (PodRequirements.Unmet(pod.GetString("metadata", "annotations", PodRequirements.Annotation), options.Redis, _kubelet.Placeholders) is { } unmet)
        {
            return CannotStart(c, PodRequirements.UnmetReason, unmet, "Failed", unmet);
        }

        string? Lookup(string name) => env.GetValueOrDefault(name);
        var command = Strings(c.Spec["command"])?.Select(s => VariableExpansion.Expand(s, Lookup)).ToList();
        var args = Strings(c.Spec["args"])?.Select(s => VariableExpansion.Expand(s, Lookup)).ToList();
        var redis = RedisPrograms.ChosenFor(options.ImageMappings, c.Image, options.Redis, _kubelet.Placeholders);
        var mappings = RedisPrograms.ForImage(options.ImageMappings, c.Image, options.Redis, _kubelet.Placeholders);
        var resolution = ImageMappings.Resolve(mappings, c.Image, command, args, _kubelet.Placeholders);
        if (!resolution.CanRun)
        {
            return CannotStart(c, resolution.Reason!, resolution.Message!, "Failed", resolution.Message!);
        }

        var processEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in _kubelet.Options.InheritedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                processEnv[name] = value;
            }
        }

        if (redis is not null && RedisPrograms.IsGarnet(redis) && command is { Count: > 0 })
        {
            // The image's own redis-server, for a container that runs its own command (a start script): here the stand-in.
            var garnet = redis.Entrypoint.Select(a => Substitute(a, _kubelet.Placeholders)).ToList();
            var version = $"{(redis.Runs ?? "Garnet").Split(':')[0]} standing in for redis-server (the local cluster's redis-server for redis images)";
            processEnv["PATH"] = $"{_kubelet.Files.RedisServerBin(garnet, version)}:{processEnv.GetValueOrDefault("PATH") ?? "/usr/local/bin:/usr/bin:/bin"}";
        }

        processEnv["HOSTNAME"] = Name;
        foreach (var (name, value) in resolution.Env.Concat(env))
        {
            processEnv[name] = value;
        }

        processEnv[KubeletOptions.MarkerVariable] = _kubelet.InstanceId;
        processEnv["ZD_POD_UID"] = Uid;

        _kubelet.RecordEvent(this, c.Name, "Normal", "Pulled", $"Container image \"{c.Image}\" already present on machine");
        _kubelet.RecordEvent(this, c.Name, "Normal", "Created", $"Created container {c.Name}");
        var log = new ContainerLog(c.LogCapacity);
        SupervisedProcess process;
        try
        {
            var time = _api.Time;
            process = SupervisedProcess.Start(resolution.Argv![0], resolution.Argv.Skip(1), processEnv,
                (stream, line) => log.Append(time.GetUtcNow(), stream, line), c.Spec.GetString("workingDir") ?? _kubelet.Files.FreshContainerDirectory(Uid, c.Name));
        }
        catch (Win32Exception e)
        {
            return CannotStart(c, "RunContainerError", e.Message, "Failed", $"Error: {e.Message}");
        }

        lock (_gate)
        {
            if (c.Log is not null)
            {
                c.PreviousLog = c.Log;
            }

            c.Log = log;
            c.Process = process;
            _kubelet.Network.PodProcesses.Register(process.Pid, Uid);
            c.Env = processEnv;
            c.State = ContainerStateKind.Running;
            c.Reason = null;
            c.Message = null;
            c.StartedAt = _api.Time.GetUtcNow();
            c.FinishedAt = null;
            c.StopReason = null;
            c.Started = c.Probe("startupProbe") is null;
            c.Ready = c.Started && c.Probe("readinessProbe") is null;
            c.ProbeScope = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        }

        // Which program stands behind the image when the mapping says (redis: redis-server or Garnet, and why).
        var runs = resolution.Runs is { } program ? $" ({c.Image} runs {program})"
            : redis?.Runs is { } server && command is { Count: > 0 } ? $" ({c.Image} runs {Path.GetFileName(resolution.Argv![0])}; redis-server on its PATH is {server})"
            : "";
        _kubelet.RecordEvent(this, c.Name, "Normal", "Started", $"Started container {c.Name}{runs}");
        SyncStatus();
        _ = RunProbesAsync(c, c.ProbeScope.Token);
        return process;
    }

    private SupervisedProcess? CannotStart(ContainerRuntime c, string reason, string message, string eventReason, string eventMessage)
    {
        lock (_gate)
        {
            c.State = ContainerStateKind.Waiting;
            c.Reason = reason;
            c.Message = message;
        }

        _kubelet.RecordEvent(this, c.Name, "Warning", eventReason, eventMessage);
        SyncStatus();
        return null;
    }

    /// <summary>Records the exit in the container's status; true when the kubelet killed it for a failed liveness/startup probe.</summary>
    private bool RecordExit(ContainerRuntime c, int code)
    {
        bool probeKill;
        lock (_gate)
        {
            c.ProbeScope?.Cancel();
            c.ProbeScope?.Dispose();
            c.ProbeScope = null;
            c.Log?.Complete();
            if (c.Process is { } exited)
            {
                _kubelet.Network.PodProcesses.Unregister(exited.Pid);
                exited.Dispose();
            }

            c.Process = null;
            probeKill = c.StopReason is not null;
            c.State = ContainerStateKind.Terminated;
            c.ExitCode = code;
            c.Reason = code == 0 ? "Completed" : "Error";
            c.Message = null;
            c.FinishedAt = _api.Time.GetUtcNow();
            c.Ready = false;
            c.Started = false;
            c.LastTerminated = new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = code,
                    ["reason"] = c.Reason,
                    ["startedAt"] = Time(c.StartedAt),
                    ["finishedAt"] = Time(c.FinishedAt),
                    ["containerID"] = ContainerId(c),
                },
            };
        }

        SyncStatus();
        return probeKill;
    }

    private static string Substitute(string value, IReadOnlyDictionary<string, string> placeholders) =>
        placeholders.Aggregate(value, (text, p) => text.Replace("{" + p.Key + "}", p.Value, StringComparison.Ordinal));

    private static List<string>? Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? "").ToList() : null;

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{Math.Round(t.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s" : $"{t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms";

    private string ContainerId(ContainerRuntime c) => $"zd-process://{Uid}/{c.Name}/{c.RestartCount.ToString(CultureInfo.InvariantCulture)}";

    private static string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
