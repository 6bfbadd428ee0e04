using System.Globalization;
using System.Runtime.InteropServices;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Manifests;

namespace ZeroDowntime.LocalCluster;

/// <summary>
/// <c>up --manifests DIR --kubeconfig FILE [--nodes N] [--port P] [--redis auto|redis-server|garnet] [--rbac [--access-log FILE]] [--faults PROFILE[:SEED]]</c>: start the cluster, apply
/// the manifests, write the kubeconfig, print <c>ready</c> once ready, serve until SIGINT/SIGTERM.
/// Bad input, or a pod that cannot start before <c>ready</c>: one sentence on stderr and exit code 2.
/// </summary>
internal static class UpCommand
{
    public const string Usage = "usage: up --manifests DIR --kubeconfig FILE [--nodes N] [--port P] [--redis auto|redis-server|garnet] [--rbac [--access-log FILE]] [--faults PROFILE[:SEED]]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? manifests = null;
        string? kubeconfig = null;
        LocalClusterOptions options;
        try
        {
            options = new LocalClusterOptions().AddControllers();
        }
        catch (InvalidDataException e)
        {
            // ZD_LOCAL_REDIS or ZD_IMAGE_MAPPINGS is wrong: the kubelet options say which, in one sentence.
            await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--manifests" when value is not null: manifests = value; i++; break;
                case "--kubeconfig" when value is not null: kubeconfig = value; i++; break;
                case "--nodes" when int.TryParse(value, CultureInfo.InvariantCulture, out var nodes) && nodes >= 0:
                    options.NodeCount = nodes; i++; break;
                case "--port" when int.TryParse(value, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535:
                    options.Port = port; i++; break;
                case "--redis" when options.Kubelet is not null && RedisPrograms.TryParse(value, out var redis):
                    options.Kubelet.Redis = redis; i++; break;
                case "--rbac":
                    options.EnforceRbac = true; break;
                case "--access-log" when value is not null:
                    options.AccessLogPath = value; i++; break;
                case "--faults" when value is not null:
                    try
                    {
                        options.Faults = Http.Faults.ApiFaultProfiles.Parse(value, "--faults");
                    }
                    catch (InvalidDataException e)
                    {
                        await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                        return 2;
                    }

                    i++;
                    break;
                case "--redis":
                    await stderr.WriteLineAsync((value is null ? "--redis needs a value" : $"Unexpected value '{value}' for --redis") + $"; the allowed values are {RedisPrograms.AllowedValues}.").ConfigureAwait(false);
                    return 2;
                default:
                    await stderr.WriteLineAsync($"Unexpected argument '{args[i]}'; {Usage}.").ConfigureAwait(false);
                    return 2;
            }
        }

        if (options.AccessLogPath is not null && !options.EnforceRbac)
        {
            await stderr.WriteLineAsync($"--access-log records RBAC decisions and needs --rbac; {Usage}.").ConfigureAwait(false);
            return 2;
        }

        if (manifests is null || kubeconfig is null)
        {
            await stderr.WriteLineAsync($"Both --manifests and --kubeconfig are required; {Usage}.").ConfigureAwait(false);
            return 2;
        }

        IReadOnlyList<ManifestDocument> documents;
        try
        {
            documents = ManifestLoader.LoadDirectory(manifests, options.Resources);
        }
        catch (ManifestException e)
        {
            await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        // The kubeconfig is written once the cluster runs; a path that cannot take it must fail before anything starts.
        if (KubeconfigTarget.Unwritable(kubeconfig) is { } cause)
        {
            await stderr.WriteLineAsync($"Cannot write the kubeconfig '{kubeconfig}' ({cause}); pass a writable path to --kubeconfig (nothing was started).").ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

        LocalClusterHost host;
        try
        {
            host = await LocalClusterHost.StartAsync(options, stop.Token).ConfigureAwait(false);
        }
        catch (IOException)
        {
            await stderr.WriteLineAsync($"Port {options.Port} on 127.0.0.1 is already in use.").ConfigureAwait(false);
            return 2;
        }

        await using (host.ConfigureAwait(false))
        {
            try
            {
                ManifestLoader.Apply(host.Api, documents);
                await host.WriteKubeconfigAsync(kubeconfig, stop.Token).ConfigureAwait(false);
            }
            catch (ManifestException e)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"Cannot write the kubeconfig '{kubeconfig}': {e.Message}").ConfigureAwait(false);
                return 2;
            }

            await stderr.WriteLineAsync($"zd-local API server listening on {host.Uri}; kubeconfig written to {kubeconfig}"
                + (options.EnforceRbac ? "; RBAC enforced for ServiceAccount tokens (the kubeconfig's admin token is unrestricted)" : "")).ConfigureAwait(false);
            try
            {
                if (await UpReadiness.WaitAsync(host, kubeconfig, stop.Token).ConfigureAwait(false) is { } failure)
                {
                    // A pod that cannot start would keep 'ready' from ever being printed: say why and stop.
                    await stderr.WriteLineAsync(failure.Sentence).ConfigureAwait(false);
                    return 2;
                }

                await stdout.WriteLineAsync("ready").ConfigureAwait(false);
                await stdout.FlushAsync(stop.Token).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // SIGINT or SIGTERM: stop cleanly.
            }
        }

        return 0;
    }
}
