using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Recording;

/// <summary>
/// Records pod and node transitions of the target's roles from watches (list, then watch from the
/// list's resourceVersion; the client re-watches after closes and relists after 410 Expired, so
/// nothing is lost): created, scheduled, Ready, NotReady, terminating, deleted, cordoned,
/// uncordoned, node Ready/NotReady. Each <see cref="ClusterEvent"/> has <c>Time</c> = arrival on
/// <see cref="MeasurementClock"/> and, where the server has one, <c>ServerTime</c> = the condition's
/// lastTransitionTime. Start it before the first disruption and await <see cref="Synced"/>.
/// </summary>
/// <example>
/// <code>
/// await using var recorder = PodEventRecorder.ForTarget(session.Client, session.Namespace, settings.Target);
/// await recorder.StartAsync(ct);                                  // returns once the initial lists are in
/// var readyAtStart = recorder.ReadyPods("worker");
/// recorder.Mark(ClusterEventKind.DisruptionAccepted, "worker", pod: "w-1");
/// await recorder.WaitUntilAsync(s => s.ReadyCount("worker") >= 3, "worker back at 3 Ready pods",
///     "ZD_TIMING__SINGLE_WORKER__MONITORING_WINDOW", window, ct);
/// int min = ReadyCounts.Minimum(recorder.Events, "worker", from, to, readyAtStart);
/// </code>
/// </example>
public sealed partial class PodEventRecorder : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly Lock _gate = new();
    private readonly List<ClusterEvent> _events = [];
    private readonly Dictionary<(string Role, string Key), V1Pod> _pods = [];
    private readonly Dictionary<string, V1Node> _nodes = new(StringComparer.Ordinal);
    private readonly List<Waiter> _waiters = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _watches = [];
    private int _pendingSyncs;
    private Exception? _fault;

    /// <summary>Creates a recorder for <paramref name="roles"/> in <paramref name="namespace"/>, and of all nodes when <paramref name="recordNodes"/>.</summary>
    public PodEventRecorder(IKubernetes client, string @namespace, IEnumerable<RecordedRole> roles, bool recordNodes = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentNullException.ThrowIfNull(roles);
        _client = client;
        _namespace = @namespace;
        Roles = roles.ToList();
        RecordsNodes = recordNodes;
        if (Roles.Count == 0 && !recordNodes)
        {
            throw new ArgumentException("Give at least one role or record nodes.", nameof(roles));
        }
    }

    /// <summary>A recorder for the target's head, worker and Redis roles (selectors from the settings) and all nodes.</summary>
    public static PodEventRecorder ForTarget(IKubernetes client, string @namespace, TargetSettings target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new PodEventRecorder(client, @namespace, target.Roles.Select(RecordedRole.From));
    }

    /// <summary>The recorded roles.</summary>
    public IReadOnlyList<RecordedRole> Roles { get; }

    /// <summary>Whether node transitions are recorded.</summary>
    public bool RecordsNodes { get; }

    /// <summary>Completes once every initial list has been processed: the state is complete from here on.</summary>
    public Task Synced => _synced.Task;

    /// <summary>A snapshot of the timeline, in arrival order.</summary>
    public IReadOnlyList<ClusterEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>A consistent snapshot of the current state.</summary>
    public RecorderState Current
    {
        get
        {
            lock (_gate)
            {
                return Snapshot();
            }
        }
    }

    /// <summary>Keys (uid, else name) of the role's Ready pods now; pass them as ReadyCounts' <c>readyAtStart</c>.</summary>
    public IReadOnlySet<string> ReadyPods(string role) => Current.ReadyPods(role);

    /// <summary>Starts the watches and returns once their initial lists are processed (<see cref="Synced"/>).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_watches.Count > 0)
            {
                throw new InvalidOperationException("The recorder was already started.");
            }

            _pendingSyncs = Roles.Count + (RecordsNodes ? 1 : 0);
            foreach (var role in Roles)
            {
                _watches.Add(Task.Run(() => WatchPodsAsync(role, _stop.Token), CancellationToken.None));
            }

            if (RecordsNodes)
            {
                _watches.Add(Task.Run(() => WatchNodesAsync(_stop.Token), CancellationToken.None));
            }
        }

        await _synced.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a suite marker (disruption started/accepted/refused, baseline start...) at <see cref="MeasurementClock.UtcNow"/>.</summary>
    public ClusterEvent Mark(ClusterEventKind kind, string? role = null, string? pod = null, string? uid = null, string? node = null, string? detail = null)
    {
        var e = new ClusterEvent(MeasurementClock.UtcNow, kind, role, pod, uid, node, detail);
        lock (_gate)
        {
            _events.Add(e);
            NotifyWaiters();
        }

        return e;
    }

    /// <summary>Stops the watches; the timeline stays readable.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] watches;
        lock (_gate)
        {
            watches = [.. _watches];
            foreach (var waiter in _waiters)
            {
                waiter.Completion.TrySetCanceled();
            }

            _waiters.Clear();
        }

        await Task.WhenAll(watches).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _synced.TrySetCanceled();
        _stop.Dispose();
    }

    private RecorderState Snapshot()
    {
        var pods = Roles.ToDictionary(
            r => r.Name,
            r => (IReadOnlyList<RecordedPod>)_pods.Where(p => p.Key.Role == r.Name).Select(p => ToRecorded(r.Name, p.Value)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
        var nodes = _nodes.Values.ToDictionary(n => n.Metadata.Name ?? "", n => new RecordedNode(n.Metadata.Name ?? "", IsNodeReady(n), n.Spec?.Unschedulable == true), StringComparer.Ordinal);
        return new RecorderState(pods, nodes, _events.Count > 0 ? _events[^1] : null, _events.Count);
    }

    private static RecordedPod ToRecorded(string role, V1Pod pod) =>
        new(role, pod.Metadata.Name ?? "", pod.Metadata.Uid, pod.Spec?.NodeName, IsPodReady(pod), pod.Metadata.DeletionTimestamp is not null);
}
