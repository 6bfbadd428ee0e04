using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>Options for k6 Job tests: small numbers, named deadlines with wide margins for a busy machine.</summary>
internal static class K6JobTestOptions
{
    public static K6JobOptions For(Uri target, string runId = "run-1", TimeSpan? duration = null) => new()
    {
        Load = new LoadOptions
        {
            Request = InferenceRequest.Completion(target),
            Rate = 20,
            MaxConcurrency = 10,
            Duration = duration ?? TimeSpan.FromMinutes(2),
            RequestTimeout = TimeSpan.FromSeconds(2),
        },
        RunId = runId,
        Namespace = "zd",
        Image = "zerodowntime/k6-double:test",
        AvoidPodsMatching = ["ray.io/node-type=worker", "app=redis"],
        StartTimeout = TimeSpan.FromSeconds(30),
        SummaryTimeout = TimeSpan.FromSeconds(20),
        JobDeadline = TimeSpan.FromMinutes(10),
    };
}
