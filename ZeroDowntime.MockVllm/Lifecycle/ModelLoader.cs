using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Lifecycle;

/// <summary>Simulates loading the model: after the startup delay the node starts answering inference and /-/healthz.</summary>
internal sealed class ModelLoader(MockVllmOptions options, ServiceState state, EventLog log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.StartupDelay > TimeSpan.Zero)
        {
            log.Write($"loading model (startup delay {options.StartupDelay.TotalSeconds:0.###}s)");
            try
            {
                // The delay is the simulated model load itself.
                await Task.Delay(options.StartupDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        state.MarkModelLoaded();
        log.Write("model loaded; serving /VLLMDeployment");
    }
}
