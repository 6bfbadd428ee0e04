using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Kubelet;

internal sealed partial class PodWorker
{
    /// <summary>
    /// Graceful termination in the kubelet's order: (1) Ready=false so endpoints drop the pod,
    /// (2) preStop hooks, (3) SIGTERM, (4) SIGKILL at the deadline, (5) remove the object.
    /// </summary>
    private async Task TerminateAsync()
    {
        bool shutdown;
        bool nodeLost;
        lock (_gate)
        {
            _terminating = true;
            shutdown = _shutdown;
            nodeLost = _nodeLost;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        SyncStatus();
        var running = Running();
        await Task.WhenAll(running.Select(c => StopContainerAsync(c, null, runPreStop: !shutdown && !nodeLost))).ConfigureAwait(false);
        await Task.WhenAll(_containers.Select(c => c.Loop)).ConfigureAwait(false);
        ReleaseAddress();
        // The containers' files go before the pod object does, as a kubelet cleans up before it confirms the deletion.
        _kubelet.Files.RemovePod(Uid);
        lock (_gate)
        {
            if (_shutdown || _removed)
            {
                return;
            }
        }

        SyncStatus();
        try
        {
            _api.Pods.Delete(Namespace, Name, new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = Uid } });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone, or a new pod took the name.
        }
    }

    private List<ContainerRuntime> Running()
    {
        lock (_gate)
        {
            return _containers.Where(c => c.IsRunning).ToList();
        }
    }

    /// <summary>
    /// Stops one container: preStop (bounded by the deadline), SIGTERM, then SIGKILL when the deadline
    /// passes. <paramref name="fixedDeadline"/> null = the pod's termination deadline (which may move earlier).
    /// </summary>
    private async Task StopContainerAsync(ContainerRuntime c, DateTimeOffset? fixedDeadline, bool runPreStop)
    {
        SupervisedProcess? process;
        lock (_gate)
        {
            process = c.Process;
        }

        if (process is null)
        {
            return;
        }

        if (fixedDeadline is null)
        {
            _kubelet.RecordEvent(this, c.Name, "Normal", "Killing", $"Stopping container {c.Name}");
        }

        // After a preStop hook the kubelet still grants a minimum grace, even past the deadline.
        var floor = DateTimeOffset.MinValue;
        if (runPreStop && c.Spec.GetNode("lifecycle", "preStop") is JsonObject preStop && !process.Exited.IsCompleted)
        {
            var budget = Remaining(fixedDeadline);
            if (budget > TimeSpan.Zero)
            {
                var result = await RunHookAsync(c, preStop, budget).ConfigureAwait(false);
                if (!result.Success)
                {
                    _kubelet.RecordEvent(this, c.Name, "Warning", "FailedPreStopHook", $"PreStopHook failed: {result.Message}");
                }

                floor = _api.Time.GetUtcNow() + _kubelet.Options.MinimumGracePeriodAfterPreStop;
            }
        }

        process.Terminate();
        while (!process.Exited.IsCompleted)
        {
            var wait = Max(DeadlineOf(fixedDeadline), floor) - _api.Time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                process.Kill();
                break;
            }

            Task changed;
            lock (_gate)
            {
                changed = fixedDeadline is null ? _deadlineChanged.Task : Never;
            }

            // Wake on exit, on the deadline, or when a later delete moves the deadline earlier.
            await Task.WhenAny(process.Exited, Task.Delay(wait, _api.Time), changed).ConfigureAwait(false);
        }

        await process.Exited.ConfigureAwait(false);
    }

    private async Task<ProbeResult> RunHookAsync(ContainerRuntime c, JsonObject handler, TimeSpan budget)
    {
        string ip;
        IReadOnlyDictionary<string, string> env;
        lock (_gate)
        {
            ip = _address?.ToString() ?? "127.0.0.1";
            env = c.Env;
        }

        using var scope = new CancellationTokenSource();
        var run = HandlerRunner.RunAsync(handler, ip, c.Spec, env, budget, scope.Token);
        var deadline = Task.Delay(budget, _api.Time);
        if (await Task.WhenAny(run, deadline).ConfigureAwait(false) == run)
        {
            return await run.ConfigureAwait(false);
        }

        await scope.CancelAsync().ConfigureAwait(false);
        return new ProbeResult(false, "the grace period ended before the hook finished");
    }

    private TimeSpan Remaining(DateTimeOffset? fixedDeadline) => DeadlineOf(fixedDeadline) - _api.Time.GetUtcNow();

    private DateTimeOffset DeadlineOf(DateTimeOffset? fixedDeadline)
    {
        lock (_gate)
        {
            return fixedDeadline ?? _deadline;
        }
    }

    private static Task Never { get; } = new TaskCompletionSource().Task;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
