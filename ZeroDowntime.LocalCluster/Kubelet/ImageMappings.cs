using System.Text.Json;
using System.Text.RegularExpressions;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// The default image mappings, the JSON file format, and resolution of a container to a host argv.
/// File format: <c>{"imageMappings": [{"image": "myorg/api*", "entrypoint": ["/usr/local/bin/api"], "cmd": [], "env": {}, "installHint": "..."}]}</c>.
/// </summary>
public static class ImageMappings
{
    /// <summary>
    /// The built-in <c>redis*</c> mapping: <c>redis-server</c>. The kubelet swaps it for the program
    /// <see cref="KubeletOptions.Redis"/> picks (redis-server when installed, else the Garnet stand-in).
    /// </summary>
    public static ImageMapping Redis { get; } = new("redis*", ["redis-server"]) { InstallHint = "apt-get install redis-server" };

    /// <summary>
    /// MockVllm (<c>*mock-vllm*</c>) runs <c>dotnet ZeroDowntime.MockVllm.dll</c>; <c>redis*</c> runs
    /// <c>redis-server</c> or Garnet (see <see cref="Redis"/>); busybox/alpine/debian/ubuntu run host shell tools (CMD <c>sh</c>).
    /// Anything else (grafana/k6 included) is not mapped.
    /// </summary>
    public static IReadOnlyList<ImageMapping> Defaults { get; } =
    [
        new("*mock-vllm*", ["{Dotnet}", "{MockVllmDll}"]),
        Redis,
        new("busybox*", []) { Cmd = ["sh"] },
        new("alpine*", []) { Cmd = ["sh"] },
        new("debian*", []) { Cmd = ["sh"] },
        new("ubuntu*", []) { Cmd = ["sh"] },
    ];

    /// <summary>Reads mappings from a JSON file in the format above.</summary>
    /// <exception cref="InvalidDataException">The file is not in that format.</exception>
    public static IReadOnlyList<ImageMapping> LoadFile(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var list = document.RootElement.GetProperty("imageMappings").Deserialize<List<ImageMapping>>();
            if (list is null || list.Any(m => string.IsNullOrEmpty(m.Image) || m.Entrypoint is null))
            {
                throw new InvalidDataException($"Image mapping file '{path}' has an entry without image or entrypoint.");
            }

            return list;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Image mapping file '{path}' is not valid: {e.Message}", e);
        }
    }

    /// <summary>The first mapping whose pattern matches <paramref name="image"/>, or null.</summary>
    public static ImageMapping? Find(IEnumerable<ImageMapping> mappings, string image)
    {
        var candidates = Candidates(image).ToList();
        return mappings.FirstOrDefault(m => candidates.Any(c => Glob(m.Image).IsMatch(c)));
    }

    /// <summary>
    /// Resolves a container (image, command, args) to a host argv with Kubernetes' rules:
    /// command replaces the entrypoint (and drops Cmd); args replace Cmd. <paramref name="searchPath"/> is the PATH
    /// searched for <c>argv[0]</c> (null = this process's).
    /// </summary>
    public static ImageResolution Resolve(IEnumerable<ImageMapping> mappings, string image, IReadOnlyList<string>? command,
        IReadOnlyList<string>? args, IReadOnlyDictionary<string, string> placeholders, string? searchPath = null)
    {
        var mapping = Find(mappings, image);
        if (mapping is null)
        {
            return Failure("ErrImagePull", $"the local cluster cannot run image {image}; add an image mapping");
        }

        var env = mapping.Env.ToDictionary(p => p.Key, p => Substitute(p.Value, placeholders));
        var argv = new List<string>(command is { Count: > 0 } ? command : mapping.Entrypoint.Select(a => Substitute(a, placeholders)));
        argv.AddRange(args is { Count: > 0 } ? args : command is { Count: > 0 } ? [] : mapping.Cmd.Select(a => Substitute(a, placeholders)));
        if (argv.Count == 0)
        {
            return Failure("CreateContainerError", $"image {image} has no entrypoint or cmd and the container sets no command");
        }

        if (argv[0].Contains('{', StringComparison.Ordinal))
        {
            return Failure("CreateContainerError", $"image {image} maps to {argv[0]}, which could not be located");
        }

        if (FindExecutable(argv[0], searchPath ?? Environment.GetEnvironmentVariable("PATH")) is not { } executable)
        {
            var hint = command is { Count: > 0 } || mapping.InstallHint is null ? "" : $"; {mapping.InstallHint}";
            return Failure("CreateContainerError", $"image {image} maps to {argv[0]}, which is not installed{hint}");
        }

        argv[0] = executable;
        return new ImageResolution(argv, env, null, null) { Runs = command is { Count: > 0 } ? null : mapping.Runs };

        ImageResolution Failure(string reason, string message) => new(null, new Dictionary<string, string>(), reason, message);
    }

    /// <summary>An absolute path for <paramref name="name"/> (as given when it contains '/', else searched on PATH), or null.</summary>
    public static string? FindExecutable(string name) => FindExecutable(name, Environment.GetEnvironmentVariable("PATH"));

    /// <summary>As <see cref="FindExecutable(string)"/>, searching <paramref name="searchPath"/> (a PATH value; null = the usual /usr/local/bin:/usr/bin:/bin).</summary>
    public static string? FindExecutable(string name, string? searchPath)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        foreach (var dir in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Substitute(string value, IReadOnlyDictionary<string, string> placeholders)
    {
        foreach (var (key, replacement) in placeholders)
        {
            value = value.Replace("{" + key + "}", replacement, StringComparison.Ordinal);
        }

        return value;
    }

    private static IEnumerable<string> Candidates(string image)
    {
        yield return image;
        var stripped = image;
        foreach (var prefix in (string[])["docker.io/", "index.docker.io/", "registry-1.docker.io/"])
        {
            if (stripped.StartsWith(prefix, StringComparison.Ordinal))
            {
                stripped = stripped[prefix.Length..];
                yield return stripped;
            }
        }

        if (stripped.StartsWith("library/", StringComparison.Ordinal))
        {
            yield return stripped["library/".Length..];
        }
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);
}
