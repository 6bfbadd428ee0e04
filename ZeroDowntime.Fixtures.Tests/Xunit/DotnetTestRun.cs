using System.Diagnostics;
using System.Text;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>One <c>dotnet test</c> child process on the demo assembly, with its output (each stdout line with when it arrived) and result files.</summary>
internal sealed record DotnetTestRun(int ExitCode, string Output, string ResultsDirectory, IReadOnlyList<(DateTime Arrived, string Text)> Lines)
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

        using var process = new Process { StartInfo = start };
        var lines = new List<(DateTime Arrived, string Text)>();
        var stdoutClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                stdoutClosed.TrySetResult();
                return;
            }

            // Stamped on arrival: the live-progress test compares it with the time printed in the line.
            lock (lines)
            {
                lines.Add((DateTime.Now, e.Data));
            }
        };
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start");
        }

        process.BeginOutputReadLine();
        var output = new StringBuilder();
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

        await stdoutClosed.Task.WaitAsync(Deadline);
        List<(DateTime Arrived, string Text)> received;
        lock (lines)
        {
            received = [.. lines];
        }

        output.AppendJoin('\n', received.Select(l => l.Text)).Append('\n').Append(await stderr);
        return new DotnetTestRun(process.ExitCode, output.ToString(), results, received);
    }
}
