using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// Builds a container's environment as the kubelet does: Service variables first
/// (<c>{NAME}_SERVICE_HOST</c>, <c>{NAME}_SERVICE_PORT</c>, <c>{NAME}_SERVICE_PORT_{PORT}</c> and the
/// Docker-link <c>{NAME}_PORT*</c> set), then <c>envFrom</c>, then <c>env</c> in order with
/// <c>$(VAR)</c> expansion against what came before, and <c>fieldRef</c>/<c>configMapKeyRef</c>/<c>secretKeyRef</c>.
/// </summary>
public static class ContainerEnvironment
{
    /// <summary>The variables for <paramref name="container"/> of <paramref name="pod"/> (whose status already carries podIP/hostIP).</summary>
    /// <exception cref="ContainerConfigException">A referenced ConfigMap/Secret key or field is missing.</exception>
    public static Dictionary<string, string> Build(ClusterApi api, JsonObject pod, JsonObject container)
    {
        var ns = pod.Namespace() ?? "default";
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pod.GetBool("spec", "enableServiceLinks") != false)
        {
            foreach (var service in api.Services.List(ns).OrderBy(s => s.Name(), StringComparer.Ordinal))
            {
                AddServiceVariables(env, service);
            }
        }

        foreach (var source in (container["envFrom"] as JsonArray ?? []).OfType<JsonObject>())
        {
            AddEnvFrom(api, ns, env, source);
        }

        foreach (var item in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = item.GetString("name") ?? "";
            if (item["valueFrom"] is JsonObject from)
            {
                if (ValueFrom(api, pod, ns, from) is { } resolved)
                {
                    env[name] = resolved;
                }
            }
            else
            {
                env[name] = VariableExpansion.Expand(item.GetString("value") ?? "", k => env.GetValueOrDefault(k));
            }
        }

        return env;
    }

    /// <summary>Adds the Service variables kube-proxy-era clients expect for <paramref name="service"/> (skipped without a cluster IP).</summary>
    public static void AddServiceVariables(IDictionary<string, string> env, JsonObject service)
    {
        var ip = service.GetString("spec", "clusterIP");
        var ports = (service.GetNode("spec", "ports") as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (string.IsNullOrEmpty(ip) || ip == "None" || ports.Count == 0)
        {
            return;
        }

        var prefix = VariableName(service.Name());
        env[prefix + "_SERVICE_HOST"] = ip;
        env[prefix + "_SERVICE_PORT"] = Port(ports[0]);
        foreach (var port in ports.Where(p => !string.IsNullOrEmpty(p.GetString("name"))))
        {
            env[$"{prefix}_SERVICE_PORT_{VariableName(port.GetString("name")!)}"] = Port(port);
        }

        var firstProtocol = (ports[0].GetString("protocol") ?? "TCP").ToLowerInvariant();
        env[prefix + "_PORT"] = $"{firstProtocol}://{ip}:{Port(ports[0])}";
        foreach (var port in ports)
        {
            var protocol = port.GetString("protocol") ?? "TCP";
            var key = $"{prefix}_PORT_{Port(port)}_{protocol.ToUpperInvariant()}";
            env[key] = $"{protocol.ToLowerInvariant()}://{ip}:{Port(port)}";
            env[key + "_PROTO"] = protocol.ToLowerInvariant();
            env[key + "_PORT"] = Port(port);
            env[key + "_ADDR"] = ip;
        }
    }

    private static string Port(JsonObject port) => (port.GetInt64("port") ?? 0).ToString(CultureInfo.InvariantCulture);

    private static string VariableName(string name) => name.ToUpperInvariant().Replace('-', '_').Replace('.', '_');

    private static void AddEnvFrom(ClusterApi api, string ns, Dictionary<string, string> env, JsonObject source)
    {
        var prefix = source.GetString("prefix") ?? "";
        var (kind, reference) = source["configMapRef"] is JsonObject cm ? ("configmaps", cm) : ("secrets", source["secretRef"] as JsonObject);
        if (reference is null)
        {
            return;
        }

        var data = ReadData(api, ns, kind, reference.GetString("name") ?? "", reference.GetBool("optional") == true);
        foreach (var (key, value) in data)
        {
            env[prefix + key] = value;
        }
    }

    private static string? ValueFrom(ClusterApi api, JsonObject pod, string ns, JsonObject from)
    {
        if (from["fieldRef"] is JsonObject field)
        {
            return FieldValue(pod, field.GetString("fieldPath") ?? "");
        }

        if (from["resourceFieldRef"] is JsonObject resource)
        {
            return ResourceValue(pod, resource);
        }

        var (kind, selector) = from["configMapKeyRef"] is JsonObject cm ? ("configmaps", cm) : ("secrets", from["secretKeyRef"] as JsonObject);
        if (selector is null)
        {
            return null;
        }

        var optional = selector.GetBool("optional") == true;
        var key = selector.GetString("key") ?? "";
        var data = ReadData(api, ns, kind, selector.GetString("name") ?? "", optional);
        return data.TryGetValue(key, out var value) ? value
            : optional ? null
            : throw new ContainerConfigException($"couldn't find key {key} in {(kind == "configmaps" ? "ConfigMap" : "Secret")} {ns}/{selector.GetString("name")}");
    }

    private static Dictionary<string, string> ReadData(ClusterApi api, string ns, string plural, string name, bool optional)
    {
        var obj = api.For("", plural).TryGet(ns, name);
        if (obj is null)
        {
            return optional ? [] : throw new ContainerConfigException($"{(plural == "configmaps" ? "configmap" : "secret")} \"{name}\" not found");
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj["data"] as JsonObject ?? [])
        {
            var text = value?.GetValue<string>() ?? "";
            data[key] = plural == "secrets" ? Encoding.UTF8.GetString(Convert.FromBase64String(text)) : text;
        }

        foreach (var (key, value) in obj["stringData"] as JsonObject ?? [])
        {
            data[key] = value?.GetValue<string>() ?? "";
        }

        return data;
    }

    /// <summary>The value of a downward-API field path, e.g. <c>status.podIP</c> or <c>metadata.labels['app']</c>.</summary>
    /// <exception cref="ContainerConfigException">The path is not supported.</exception>
    public static string FieldValue(JsonObject pod, string path)
    {
        switch (path)
        {
            case "metadata.name": return pod.Name();
            case "metadata.namespace": return pod.Namespace() ?? "";
            case "metadata.uid": return pod.Uid();
            case "spec.nodeName": return pod.GetString("spec", "nodeName") ?? "";
            case "spec.serviceAccountName": return pod.GetString("spec", "serviceAccountName") ?? "default";
            case "status.podIP": return pod.GetString("status", "podIP") ?? "";
            case "status.hostIP": return pod.GetString("status", "hostIP") ?? "";
            case "status.podIPs": return JoinIps(pod, "podIPs");
            case "status.hostIPs": return JoinIps(pod, "hostIPs");
            case "metadata.labels": return FormatMap(pod.GetNode("metadata", "labels") as JsonObject);
            case "metadata.annotations": return FormatMap(pod.GetNode("metadata", "annotations") as JsonObject);
        }

        foreach (var map in (string[])["labels", "annotations"])
        {
            var prefix = $"metadata.{map}['";
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal))
            {
                return pod.GetString("metadata", map, path[prefix.Length..^2]) ?? "";
            }
        }

        throw new ContainerConfigException($"unsupported fieldPath: {path}");
    }

    private static string ResourceValue(JsonObject pod, JsonObject reference)
    {
        var containerName = reference.GetString("containerName");
        var container = (pod.GetNode("spec", "containers") as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(c => containerName is null || c.GetString("name") == containerName);
        var resource = reference.GetString("resource") ?? "";
        var parts = resource.Split('.', 2);
        return parts.Length == 2 && container?.GetString("resources", parts[0], parts[1]) is { } value ? value : "0";
    }

    private static string JoinIps(JsonObject pod, string field) =>
        string.Join(',', (pod.GetNode("status", field) as JsonArray ?? []).OfType<JsonObject>().Select(o => o.GetString("ip")));

    private static string FormatMap(JsonObject? map) =>
        string.Join('\n', (map ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{p.Value?.GetValue<string>()}\""));
}
