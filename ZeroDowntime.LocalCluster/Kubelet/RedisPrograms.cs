using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// The program behind the built-in <c>redis*</c> mapping (<see cref="ImageMappings.Redis"/>): <c>redis-server</c>
/// when it is on PATH (or forced), otherwise the Garnet stand-in, so the sample target needs only the .NET SDK.
/// A user's own <c>redis*</c> mapping, listed first, is left alone.
/// </summary>
internal static partial class RedisPrograms
{
    /// <summary>The values <see cref="KubeletOptions.LocalRedisVariable"/> and <c>up --redis</c> accept, for messages.</summary>
    public const string AllowedValues = "auto, redis-server and garnet";

    private static readonly TimeSpan VersionProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly ConcurrentDictionary<string, string> Descriptions = new(StringComparer.Ordinal);

    /// <summary>Parses <c>auto</c>, <c>redis-server</c> or <c>garnet</c>.</summary>
    public static bool TryParse(string? value, out LocalRedis mode)
    {
        (var ok, mode) = value switch
        {
            "auto" => (true, LocalRedis.Auto),
            "redis-server" => (true, LocalRedis.RedisServer),
            "garnet" => (true, LocalRedis.Garnet),
            _ => (false, LocalRedis.Auto),
        };
        return ok;
    }

    /// <summary>The setting from <see cref="KubeletOptions.LocalRedisVariable"/>; <see cref="LocalRedis.Auto"/> when unset.</summary>
    /// <exception cref="InvalidDataException">The variable holds anything else; the message lists the allowed values.</exception>
    public static LocalRedis FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(KubeletOptions.LocalRedisVariable);
        if (string.IsNullOrEmpty(value))
        {
            return LocalRedis.Auto;
        }

        return TryParse(value, out var mode)
            ? mode
            : throw new InvalidDataException($"{KubeletOptions.LocalRedisVariable} is '{value}', but the allowed values are {AllowedValues}.");
    }

    /// <summary>
    /// <paramref name="mappings"/> as they apply to <paramref name="image"/>: when it resolves to the built-in redis
    /// mapping, that entry is replaced by the program <see cref="Choose"/> picks; otherwise unchanged.
    /// </summary>
    public static IReadOnlyList<ImageMapping> ForImage(IEnumerable<ImageMapping> mappings, string image, LocalRedis mode,
        IReadOnlyDictionary<string, string> placeholders, string? searchPath = null)
    {
        var list = mappings.ToList();
        return ChosenFor(list, image, mode, placeholders, searchPath) is { } chosen
            ? list.Select(m => ReferenceEquals(m, ImageMappings.Redis) ? chosen : m).ToList()
            : list;
    }

    /// <summary>
    /// The program <see cref="Choose"/> picks when <paramref name="image"/> resolves to the built-in redis mapping;
    /// null for any other image (or when a mapping of the user's, listed first, takes it).
    /// </summary>
    public static ImageMapping? ChosenFor(IEnumerable<ImageMapping> mappings, string image, LocalRedis mode,
        IReadOnlyDictionary<string, string> placeholders, string? searchPath = null) =>
        ReferenceEquals(ImageMappings.Find(mappings, image), ImageMappings.Redis) ? Choose(mode, placeholders, searchPath) : null;

    /// <summary>True when <paramref name="chosen"/> (from <see cref="Choose"/>) is the Garnet stand-in.</summary>
    public static bool IsGarnet(ImageMapping chosen) => chosen.Entrypoint.Contains("{GarnetDll}");

    /// <summary>
    /// Whether <paramref name="mode"/> runs the real redis-server on this machine; when not, <paramref name="why"/>
    /// says so in a few words ("redis-server is not installed", "the kubelet is set to garnet").
    /// </summary>
    public static bool RunsRedisServer(LocalRedis mode, IReadOnlyDictionary<string, string> placeholders, out string why, string? searchPath = null)
    {
        var chosen = Choose(mode, placeholders, searchPath);
        if (chosen.Entrypoint is [var program] && Path.IsPathRooted(program))
        {
            why = "";
            return true;
        }

        why = mode == LocalRedis.Garnet ? $"the kubelet is set to garnet ({KubeletOptions.LocalRedisVariable})" : "redis-server is not installed";
        return false;
    }

    /// <summary>
    /// The redis mapping for <paramref name="mode"/>, with <see cref="ImageMapping.Runs"/> saying what runs and why.
    /// <paramref name="searchPath"/> is the PATH searched for redis-server (null = this process's, as the kubelet uses);
    /// resolve the result with the same one.
    /// </summary>
    public static ImageMapping Choose(LocalRedis mode, IReadOnlyDictionary<string, string> placeholders, string? searchPath = null)
    {
        var builtin = ImageMappings.Redis;
        var redisServer = mode == LocalRedis.Garnet ? null
            : ImageMappings.FindExecutable(builtin.Entrypoint[0], searchPath ?? Environment.GetEnvironmentVariable("PATH"));
        if (redisServer is not null)
        {
            return builtin with { Entrypoint = [redisServer], Runs = Describe(redisServer, RedisServerDescription) };
        }

        placeholders.TryGetValue("GarnetDll", out var garnetDll);
        if (mode == LocalRedis.RedisServer || (mode == LocalRedis.Auto && garnetDll is null))
        {
            // Resolution reports "maps to redis-server, which is not installed; apt-get install redis-server".
            return builtin;
        }

        if (garnetDll is null)
        {
            // Resolution reports "maps to {GarnetDll}, which could not be located".
            return builtin with { Entrypoint = ["{GarnetDll}"], InstallHint = null };
        }

        var why = mode == LocalRedis.Garnet ? "the kubelet is set to garnet" : "redis-server is not installed";
        return builtin with { Entrypoint = ["{Dotnet}", "{GarnetDll}"], InstallHint = null, Runs = $"{Describe(garnetDll, GarnetDescription)}: {why}" };
    }

    private static string Describe(string path, Func<string, string> describe) => Descriptions.GetOrAdd(path, describe);

    /// <summary><c>redis-server 7.0.15</c>, from <c>redis-server --version</c> ("Redis server v=7.0.15 sha=...").</summary>
    private static string RedisServerDescription(string path)
    {
        try
        {
            var info = new ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(VersionProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return "redis-server";
            }

            return RedisVersion().Match(output.GetAwaiter().GetResult()) is { Success: true } match ? $"redis-server {match.Groups[1].Value}" : "redis-server";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return "redis-server";
        }
    }

    /// <summary><c>Garnet 2.2.12</c>, from the product version of the Garnet assembly shipped beside the stand-in.</summary>
    private static string GarnetDescription(string standInPath)
    {
        var garnet = Path.Combine(Path.GetDirectoryName(standInPath) ?? ".", "Garnet.host.dll");
        var version = File.Exists(garnet) ? FileVersionInfo.GetVersionInfo(garnet).ProductVersion?.Split('+')[0] : null;
        return string.IsNullOrEmpty(version) ? "Garnet" : $"Garnet {version}";
    }

    [GeneratedRegex(@"\bv=([0-9][^\s]*)", RegexOptions.CultureInvariant)]
    private static partial Regex RedisVersion();
}
