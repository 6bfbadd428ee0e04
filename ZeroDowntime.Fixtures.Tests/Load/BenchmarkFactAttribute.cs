using Xunit;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>
/// A benchmark: reported skipped unless <c>ZD_BENCHMARK=1</c>, so a plain <c>dotnet test</c> never
/// spends minutes on it. Run: <c>ZD_BENCHMARK=1 dotnet test ZeroDowntime.Fixtures.Tests --filter Category=Benchmark</c>.
/// </summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("ZD_BENCHMARK") != "1")
        {
            Skip = "benchmark: set ZD_BENCHMARK=1 and run with --filter Category=Benchmark";
        }
    }
}
