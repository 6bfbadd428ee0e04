using System.Diagnostics;
using System.Text;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>One <c>dotnet test</c> child process on the demo assembly, with its output and result files.</summary>
internal sealed record DotnetTestRun(int ExitCode, string Output, string ResultsDirectory)
{
    /// <summary>Named deadline for one child <c>dotnet test</c> of the demo (normally about 3 s).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>Runs <c>dotnet test &lt;demo.dll&gt; --results-directory &lt;dir&gt;</c> plus <paramref name="arguments"/>.</summary>
    public static async Task<DotnetTestRun> StartAsync(string workDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var results = Path.Combine(workDirectory, "results");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "test", RepoPaths.DemoAssembly, "--results-directory", results }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        // The outer test run's VSTest variables must not steer the inner one.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet test {string.Join(' ', arguments)} did not finish within {Deadline.TotalSeconds} s");
        }

        output.Append(await stdout).Append(await stderr);
        return new DotnetTestRun(process.ExitCode, output.ToString(), results);
    }
}
