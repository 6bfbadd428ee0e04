using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ZeroDowntime.Benchmarks;

/// <summary>A standalone MockVllm worker on 127.0.0.1 (the build next to this assembly): the inference endpoint the load balancer is compared on.</summary>
public sealed class MockVllmProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(20);
    private readonly Process _process;

    private MockVllmProcess(Process process, Uri uri)
    {
        _process = process;
        Uri = uri;
    }

    /// <summary>The worker's inference URL.</summary>
    public Uri Uri { get; }

    /// <summary>Starts the worker on a free port and returns once <c>/-/healthz</c> answers 200 (or throws after 20 s).</summary>
    public static async Task<MockVllmProcess> StartAsync()
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.MockVllm.dll");
        var process = Process.Start(new ProcessStartInfo("dotnet", [dll, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--agent-port", "off"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var worker = new MockVllmProcess(process, new Uri($"http://127.0.0.1:{port}/VLLMDeployment"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = Stopwatch.GetTimestamp() + (long)(ReadyWithin.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(worker.Uri, "/-/healthz")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return worker;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet: the process is still starting.
            }

            if (process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                await worker.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"MockVllm ({dll}) did not answer /-/healthz within {ReadyWithin.TotalSeconds:0} s (exited: {process.HasExited}).");
            }

            await Task.Delay(100).ConfigureAwait(false); // poll interval of a benchmark's start-up, not a measurement
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
