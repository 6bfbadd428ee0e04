using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Garnet;
using Garnet.common;
using Garnet.server;
using Garnet.server.Auth.Settings;
using Microsoft.Extensions.Logging;

namespace ZeroDowntime.Garnet;

/// <summary>
/// Runs Garnet in-process behind redis-server's command line until SIGTERM or SIGINT, then stops it and
/// returns 0. Bad arguments: one sentence on stderr and 1, as redis-server exits for a bad option.
/// </summary>
internal static class GarnetStandIn
{
    /// <summary>
    /// Main-log memory. Without a storage tier Garnet is a cache: past this the oldest records go. 32 MB is far more
    /// than a test cluster keeps and bounds the process (idle RSS 60-70 MB, mostly the .NET runtime's shared files) well under 150 MB.
    /// </summary>
    public const int LogMemoryMegabytes = 32;

    /// <summary>Main-log page: 32 pages of 1 MB instead of Garnet's 16 MB pages.</summary>
    public const string PageSize = "1m";

    /// <summary>Hash index: 1 MB (16k buckets) instead of Garnet's 128 MB.</summary>
    public const string IndexSize = "1m";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private const int SigInt = 2;
    private static readonly IntPtr SigDefault = IntPtr.Zero;

    [DllImport("libc", EntryPoint = "signal", SetLastError = true)]
    private static extern IntPtr SetSignalDisposition(int signal, IntPtr handler);

    /// <summary>Garnet's version, e.g. <c>2.2.12</c>.</summary>
    public static string GarnetVersion { get; } = typeof(GarnetServer).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "?";

    /// <summary>Parses <paramref name="args"/>, runs Garnet until a signal, and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        RedisServerArguments arguments;
        try
        {
            arguments = RedisServerArguments.Parse(args);
        }
        catch (RedisArgumentException e)
        {
            await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }

        // redis-server handles SIGINT even when started with it ignored (a background job of a shell that has no job
        // control); .NET keeps an inherited SIG_IGN unless the disposition is reset before a handler is registered.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SetSignalDisposition(SigInt, SigDefault);
        }

        var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; signal.TrySetResult("SIGTERM"); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; signal.TrySetResult("SIGINT"); });

        var endpoints = Endpoints(arguments);
        var listening = string.Join(", ", endpoints);
        // Garnet's own log: warnings and errors only, one line each.
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        GarnetServer server;
        try
        {
            server = new GarnetServer(GarnetOptions(arguments, endpoints), logging);
            server.Start();
        }
        catch (Exception e) when (e is SocketException or GarnetException or IOException)
        {
            await stderr.WriteLineAsync($"Garnet {GarnetVersion} could not listen on {listening}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        // The first line of the container's log: which program answers for the redis image.
        await stdout.WriteLineAsync($"Garnet {GarnetVersion} standing in for redis-server, listening on {listening}"
            + (arguments.Password is null ? "" : " (password required)") + $"; data in memory only (up to {LogMemoryMegabytes} MB)").ConfigureAwait(false);
        foreach (var ignored in arguments.IgnoredPersistence)
        {
            await stdout.WriteLineAsync($"{ignored} is accepted but not emulated: the Garnet stand-in keeps data in memory only").ConfigureAwait(false);
        }

        await stdout.FlushAsync().ConfigureAwait(false);
        var received = await signal.Task.ConfigureAwait(false);
        await stdout.WriteLineAsync($"received {received}; stopping Garnet").ConfigureAwait(false);
        var stopped = Task.Run(server.Dispose);
        if (await Task.WhenAny(stopped, Task.Delay(StopTimeout)).ConfigureAwait(false) != stopped)
        {
            await stdout.WriteLineAsync($"Garnet did not stop within {StopTimeout.TotalSeconds:0} s; exiting anyway").ConfigureAwait(false);
        }

        await stdout.WriteLineAsync("stopped").ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Where redis-server would listen: the bind addresses, else loopback in protected mode without a password, else everywhere.</summary>
    public static IReadOnlyList<IPEndPoint> Endpoints(RedisServerArguments arguments)
    {
        IEnumerable<IPAddress> addresses = arguments.Bind.Count > 0 ? arguments.Bind
            : arguments.ProtectedMode && arguments.Password is null ? [IPAddress.Loopback]
            : [IPAddress.Any];
        return addresses.Select(a => new IPEndPoint(a, arguments.Port)).ToList();
    }

    /// <summary>
    /// Garnet's options for <paramref name="arguments"/>: the endpoints, the small memory settings, the password, no banner.
    /// Built directly rather than through Garnet's command-line parser, which costs ~0.4 s of start-up on a busy machine.
    /// </summary>
    public static GarnetServerOptions GarnetOptions(RedisServerArguments arguments, IReadOnlyList<IPEndPoint> endpoints) => new()
    {
        EndPoints = [.. endpoints],
        LogMemorySize = $"{LogMemoryMegabytes}m",
        PageSize = PageSize,
        IndexMemorySize = IndexSize,
        AuthSettings = arguments.Password is { } password ? new PasswordAuthenticationSettings(password) : null,
        QuietMode = true,
    };
}
