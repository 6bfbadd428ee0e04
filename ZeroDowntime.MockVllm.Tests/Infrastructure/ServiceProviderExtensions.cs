using Microsoft.Extensions.DependencyInjection;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

internal static class ServiceProviderExtensions
{
    public static ServiceState GetServiceState(this IServiceProvider services) => services.GetRequiredService<ServiceState>();
}
