using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Conformance;

/// <summary>
/// Runs Conformance/python_conformance.py with Debian's interpreter and its python3-kubernetes: /usr/bin/python3
/// explicitly, because <c>python3</c> on PATH may be another interpreter (pyenv) without the Debian module.
/// </summary>
internal static class PythonClient
{
    public const string Interpreter = "/usr/bin/python3";

    public static string Script => Path.Combine(AppContext.BaseDirectory, "Conformance", "python_conformance.py");

    /// <summary>Set (to 1) by .ci/run: a missing Python client then fails the test instead of skipping it.</summary>
    public const string RequireVariable = "ZD_REQUIRE_PYTHON_CLIENT";

    /// <summary>
    /// When the official Python client cannot be imported, skips the test with a sentence saying what to install
    /// (a newcomer's machine needs only the .NET SDK), or fails with it when <see cref="RequireVariable"/> is 1 (CI).
    /// </summary>
    public static async Task RequireAsync()
    {
        if (!File.Exists(Interpreter))
        {
            Unavailable($"The Python conformance test needs {Interpreter} with the official Kubernetes client; install it with: apt-get install python3-kubernetes");
            return;
        }

        var (code, _, error) = await RunAsync(["-c", "import kubernetes, sys; sys.stdout.write(kubernetes.__version__)"]);
        if (code != 0)
        {
            var reason = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {code}";
            Unavailable(
                $"The Python conformance test needs the official Kubernetes client, but {Interpreter} cannot import kubernetes ({reason}); install it with: apt-get install python3-kubernetes");
        }
    }

    private static void Unavailable(string sentence)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            throw new Xunit.Sdk.XunitException($"{sentence} ({RequireVariable}=1 requires it).");
        }

        throw new SkipException(sentence);
    }

    /// <summary>The calls the script makes, in order.</summary>
    public static async Task<IReadOnlyList<string>> ListCallsAsync()
    {
        RequireInterpreter();
        var (code, output, error) = await RunAsync([Script, "--list"]);
        if (code != 0)
        {
            throw new Xunit.Sdk.XunitException($"{Script} --list exited {code}: {error}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static void RequireInterpreter()
    {
        if (!File.Exists(Interpreter))
        {
            throw new Xunit.Sdk.XunitException(
                $"The Python conformance test needs {Interpreter} with the official Kubernetes client; install it with: apt-get install python3-kubernetes");
        }
    }

    /// <summary>Runs every call against the cluster in <paramref name="kubeconfig"/>; one result per JSON line the script printed.</summary>
    public static async Task<(IReadOnlyList<CallResult> Results, int ExitCode, string Stderr)> RunCallsAsync(string kubeconfig)
    {
        var (code, output, error) = await RunAsync([Script, kubeconfig]);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!)
            .Select(j => new CallResult(j["name"]!.GetValue<string>(), j["ok"]!.GetValue<bool>(), j["error"]?.GetValue<string>(), j["note"]?.GetValue<string>()))
            .ToList();
        return (results, code, error);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] args)
    {
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The script's output is the contract: keep the interpreter's own warnings and caches out of it.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["PYTHONWARNINGS"] = "ignore";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadlines.ConformanceRun);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} {string.Join(' ', args)} did not finish within {Deadlines.ConformanceRun.TotalMinutes:0} min; output so far:\n{await stdout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
