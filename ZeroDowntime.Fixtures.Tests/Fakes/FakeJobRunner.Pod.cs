using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ZeroDowntime.Fixtures.Tests.Fakes;

// One pod's life: pending, then running the double (or failing to), then terminated.
internal sealed partial class FakeJobRunner
{
    private async Task RunPodAsync(FakeKubeApiServer server, string ns, string pod, JsonObject spec, FakePodLog log, FakePodBehavior behavior, string? failure)
    {
        var container = spec["containers"]![0]!.AsObject();
        var image = container["image"]!.GetValue<string>();
        switch (behavior)
        {
            case FakePodBehavior.ImagePullError:
                SetStatus(server, ns, pod, "Pending", new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ErrImagePull", ["message"] = $"failed to pull and unpack image \"{image}\": not found" } });
                server.Put("events", ns, new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = $"{pod}.failed" },
                    ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["name"] = pod, ["namespace"] = ns },
                    ["type"] = "Warning", ["reason"] = "Failed", ["count"] = 2,
                    ["message"] = $"Failed to pull image \"{image}\": not found",
                    ["lastTimestamp"] = Now(),
                });
                log.End();
                return;
            case FakePodBehavior.OomKilled:
                SetStatus(server, ns, pod, "Running", new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Now() } });
                log.Add("time=\"2026-01-01T00:00:00Z\" level=info msg=\"starting\" source=console");
                log.End();
                SetStatus(server, ns, pod, "Failed", new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 137, ["reason"] = "OOMKilled" } });
                return;
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(DoubleDll);
        foreach (var arg in container["args"]?.AsArray() ?? [])
        {
            var text = arg!.GetValue<string>();
            start.ArgumentList.Add(text.StartsWith("--address=", StringComparison.Ordinal) ? $"--address=127.0.0.1:{port}" : text);
        }

        start.Environment.Clear();
        foreach (var variable in (string[])["PATH", "HOME", "DOTNET_ROOT", "TMPDIR"])
        {
            if (Environment.GetEnvironmentVariable(variable) is { } value)
            {
                start.Environment[variable] = value;
            }
        }

        foreach (var env in container["env"]?.AsArray() ?? [])
        {
            start.Environment[env!["name"]!.GetValue<string>()] = env["value"]?.GetValue<string>() ?? "";
        }

        if (failure is not null)
        {
            start.Environment["K6_DOUBLE_FAIL"] = failure;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data); };
        process.Start();
        _processes[pod] = (process, port);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        SetStatus(server, ns, pod, "Running", new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Now() } });
        await process.WaitForExitAsync();
        log.End();
        var code = process.ExitCode;
        var terminated = new JsonObject { ["exitCode"] = code, ["reason"] = code == 0 ? "Completed" : "Error", ["finishedAt"] = Now() };
        if (server.Get("pods", ns, pod) is null)
        {
            return;
        }

        SetStatus(server, ns, pod, code == 0 ? "Succeeded" : "Failed", terminated is { } t ? new JsonObject { ["terminated"] = t } : null);
        if (server.Get("pods", ns, pod)?["metadata"]?["deletionTimestamp"] is not null)
        {
            server.Remove("pods", ns, pod);
        }
    }

    private static void SetStatus(FakeKubeApiServer server, string ns, string pod, string phase, JsonObject? state) =>
        server.Update("pods", ns, pod, o =>
        {
            var running = state?["running"] is not null;
            o["status"] = new JsonObject
            {
                ["phase"] = phase,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = running ? "True" : "False", ["lastTransitionTime"] = Now() }),
                ["containerStatuses"] = new JsonArray(new JsonObject { ["name"] = "k6", ["ready"] = running, ["restartCount"] = 0, ["image"] = "x", ["state"] = state }),
            };
        });
}
