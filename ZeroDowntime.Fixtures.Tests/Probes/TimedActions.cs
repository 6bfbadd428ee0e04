using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Tests.Probes;

/// <summary>Runs actions at given offsets from t0 on a dedicated thread and reports when each really happened.</summary>
internal static class TimedActions
{
    public static Task<DateTimeOffset[]> RunAsync(DateTimeOffset t0, params (double AtSeconds, Func<DateTimeOffset> Action)[] plan)
    {
        var done = new TaskCompletionSource<DateTimeOffset[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var instants = new DateTimeOffset[plan.Length];
                for (var i = 0; i < plan.Length; i++)
                {
                    var due = t0 + TimeSpan.FromSeconds(plan[i].AtSeconds);
                    while (MeasurementClock.UtcNow < due)
                    {
                        var remaining = due - MeasurementClock.UtcNow;
                        Thread.Sleep(remaining > TimeSpan.FromMilliseconds(2) ? remaining - TimeSpan.FromMilliseconds(1) : TimeSpan.Zero);
                    }

                    instants[i] = plan[i].Action();
                }

                done.SetResult(instants);
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "zd-test-timed-actions" };
        thread.Start();
        return done.Task;
    }
}
