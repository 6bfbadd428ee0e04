using System.Globalization;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>The ticker behind <see cref="LiveProgress.Waiting"/>: one line per interval while the wait lasts.</summary>
internal sealed class WaitProgress : IDisposable
{
    /// <summary>A wait with nowhere to report.</summary>
    public static readonly IDisposable None = new WaitProgress();

    private readonly ITimer? _timer;
    private readonly ProgressChannel? _channel;
    private readonly string _what = "";
    private readonly string _deadline = "";
    private readonly Func<string?>? _state;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly DateTimeOffset _started;
    private readonly string _prefix = "";
    private readonly TimeSpan? _limit;

    public WaitProgress(ProgressChannel channel, string what, TimeSpan? deadline, string? deadlineName, Func<string?>? state, TimeProvider time)
    {
        _channel = channel;
        _what = what;
        _state = state;
        _time = time;
        _started = time.GetUtcNow();
        // The shape of the narration around it: indented under a scenario with its step, else the fixture's.
        _prefix = StepInfo.Current is { } step ? $"  {{0}} [{step.Prefix}] " : "{0} [cluster] ";
        _limit = deadline is { } l && l != Timeout.InfiniteTimeSpan ? l : null;
        _deadline = deadline is { } d && d != Timeout.InfiniteTimeSpan
            ? $" of {ReportFormat.Duration(d)}{(deadlineName is null ? "" : $" ({deadlineName})")}"
            : "";
        var interval = channel.Interval;
        _timer = time.CreateTimer(_ => Tick(), null, interval, interval);
    }

    private WaitProgress()
    {
    }

    public void Dispose() => _timer?.Dispose();

    private void Tick()
    {
        try
        {
            var now = _time.GetUtcNow();
            if (_limit is { } limit && now - _started > limit - TimeSpan.FromMilliseconds(500))
            {
                return; // the wait ends now: "10 s of 10 s" says nothing the next line will not
            }

            var state = _state?.Invoke();
            var prefix = string.Format(CultureInfo.InvariantCulture, _prefix, now.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{prefix}still waiting for {_what}: {ReportFormat.Duration(now - _started)}{_deadline}{(string.IsNullOrEmpty(state) ? "" : $"; {state}")}");
            _channel?.Write(line, transcript: true);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // A state read racing the end of the wait: the next tick (if any) says it.
        }
    }
}
