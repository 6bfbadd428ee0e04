using k8s;
using k8s.Models;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>Creates the objects of a manifests folder through the API, as <c>kubectl create -f DIR</c> would (the kinds our targets use).</summary>
public static class ManifestApply
{
    /// <summary>Creates every object of every YAML file in <paramref name="folder"/>, in file order.</summary>
    public static async Task ApplyAsync(IKubernetes client, string folder)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var item in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file)))
            {
                _ = item switch
                {
                    V1Service s => await client.CoreV1.CreateNamespacedServiceAsync(s, s.Metadata.NamespaceProperty) as object,
                    V1Deployment d => await client.AppsV1.CreateNamespacedDeploymentAsync(d, d.Metadata.NamespaceProperty),
                    V1StatefulSet s => await client.AppsV1.CreateNamespacedStatefulSetAsync(s, s.Metadata.NamespaceProperty),
                    V1PodDisruptionBudget b => await client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(b, b.Metadata.NamespaceProperty),
                    _ => throw new NotSupportedException($"{file}: {item.GetType().Name} is not applied by this helper"),
                };
            }
        }
    }
}
