using System.Diagnostics;
using System.Net.Sockets;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests;

/// <summary>The <c>up</c> command as a real process.</summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zd-up-" + Guid.NewGuid().ToString("N"));

    public UpCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "manifests"));
    }

    private string Manifests => Path.Combine(_dir, "manifests");

    private string KubeconfigFile => Path.Combine(_dir, "kubeconfig");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    private static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.LocalCluster.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static async Task<(int Code, string Stderr)> ExitOfAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(Deadlines.UpProcess);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, (await stderr).Trim());
    }

    private static async Task<int> SendSigtermAsync(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString()]);
        await kill.WaitForExitAsync();
        return kill.ExitCode;
    }

    [Fact]
    public async Task A_kubeconfig_path_that_cannot_be_written_fails_before_the_cluster_starts()
    {
        // Root ignores chmod: a regular file where a folder should be stops every user.
        File.WriteAllText(Path.Combine(_dir, "a-file"), "not a folder");
        var kubeconfig = Path.Combine(_dir, "a-file", "kubeconfig");
        using var process = Start("up", "--manifests", Manifests, "--kubeconfig", kubeconfig);

        var (code, stderr) = await ExitOfAsync(process);

        code.Should().Be(2);
        stderr.Should().Be($"Cannot write the kubeconfig '{kubeconfig}' ({Path.Combine(_dir, "a-file")} is a file, not a folder); " +
                           "pass a writable path to --kubeconfig (nothing was started).");
    }

    [Fact]
    public async Task Up_writes_the_kubeconfig_prints_ready_and_exits_zero_on_sigterm()
    {
        File.WriteAllText(Path.Combine(Manifests, "app.yaml"), """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: demo}
            data: {mode: local}
            """);
        using var process = Start("up", "--manifests", Manifests, "--kubeconfig", KubeconfigFile, "--nodes", "2");
        try
        {
            using var deadline = new CancellationTokenSource(Deadlines.UpProcess);
            var line = await process.StandardOutput.ReadLineAsync(deadline.Token);

            line.Should().Be("ready");
            var kubeconfig = await File.ReadAllTextAsync(KubeconfigFile);
            kubeconfig.Should().Contain("current-context: zd-local").And.MatchRegex(@"server: http://127\.0\.0\.1:\d+");
            (await SendSigtermAsync(process.Id)).Should().Be(0);
            var (code, _) = await ExitOfAsync(process);
            code.Should().Be(0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_pod_that_cannot_start_exits_2_with_the_sentence_instead_of_never_printing_ready()
    {
        File.WriteAllText(Path.Combine(Manifests, "api.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: default}
            spec:
              replicas: 1
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers: [{name: api, image: example/api:1.0}]
            """);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var process = Start("up", "--manifests", Manifests, "--kubeconfig", KubeconfigFile);
        var stdout = process.StandardOutput.ReadToEndAsync();

        var (code, stderr) = await ExitOfAsync(process);

        code.Should().Be(2);
        (await stdout).Should().NotContain("ready");
        stderr.Split('\n').Last().Should().MatchRegex(
            @"^Pod default/api-[a-z0-9]+-[a-z0-9]+ cannot start: container api is waiting with ErrImagePull: the local cluster cannot run image example/api:1\.0; add an image mapping\.$");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the kubelet's error is final here: up gives it a 2 s grace, not forever");
    }

    [Fact]
    public async Task A_missing_manifests_directory_exits_2_with_one_sentence()
    {
        using var process = Start("up", "--manifests", Path.Combine(_dir, "nope"), "--kubeconfig", KubeconfigFile);

        var (code, stderr) = await ExitOfAsync(process);

        code.Should().Be(2);
        stderr.Should().Be($"The manifests directory '{Path.Combine(_dir, "nope")}' does not exist.");
    }

    [Fact]
    public async Task An_unknown_kind_exits_2_naming_file_and_document()
    {
        var file = Path.Combine(Manifests, "w.yaml");
        File.WriteAllText(file, "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        using var process = Start("up", "--manifests", Manifests, "--kubeconfig", KubeconfigFile);

        var (code, stderr) = await ExitOfAsync(process);

        code.Should().Be(2);
        stderr.Should().Be($"{file}: document 1 has unknown kind \"Widget\" (apiVersion \"example.com/v1\").");
    }

    [Fact]
    public async Task A_port_in_use_exits_2_with_one_sentence()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var process = Start("up", "--manifests", Manifests, "--kubeconfig", KubeconfigFile, "--port", port.ToString());

        var (code, stderr) = await ExitOfAsync(process);

        code.Should().Be(2);
        stderr.Should().Be($"Port {port} on 127.0.0.1 is already in use.");
    }

    [Fact]
    public async Task An_unknown_redis_program_exits_2_listing_the_allowed_values()
    {
        using var process = Start("up", "--manifests", Manifests, "--kubeconfig", KubeconfigFile, "--redis", "valkey");

        var (code, stderr) = await ExitOfAsync(process);

        code.Should().Be(2);
        stderr.Should().Be("Unexpected value 'valkey' for --redis; the allowed values are auto, redis-server and garnet.");
    }

    [Fact]
    public async Task An_unknown_ZD_LOCAL_REDIS_exits_2_listing_the_allowed_values()
    {
        using var process = Start(new Dictionary<string, string> { ["ZD_LOCAL_REDIS"] = "Garnet" }, "up", "--manifests", Manifests, "--kubeconfig", KubeconfigFile);

        var (code, stderr) = await ExitOfAsync(process);

        code.Should().Be(2);
        stderr.Should().Be("ZD_LOCAL_REDIS is 'Garnet', but the allowed values are auto, redis-server and garnet.");
    }

    [Fact]
    public async Task An_unknown_ZD_LOCAL_FAULTS_profile_exits_2_listing_the_profiles()
    {
        using var process = Start(new Dictionary<string, string> { ["ZD_LOCAL_FAULTS"] = "chaos:3" }, "up", "--manifests", Manifests, "--kubeconfig", KubeconfigFile);

        var (code, stderr) = await ExitOfAsync(process);

        code.Should().Be(2);
        stderr.Should().Be("ZD_LOCAL_FAULTS is 'chaos:3', but the fault profiles are latency, throttle, errors, resets, watch-drops, watch-expired, slow-evictions, mixed (optionally followed by :SEED).");
    }
}
