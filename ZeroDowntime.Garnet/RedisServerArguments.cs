using System.Globalization;
using System.Net;

namespace ZeroDowntime.Garnet;

/// <summary>
/// The part of redis-server's command line the stand-in understands: <c>--bind ADDR...</c>, <c>--port N</c>,
/// <c>--protected-mode yes|no</c>, <c>--save ""|"SECONDS CHANGES..."</c>, <c>--appendonly yes|no</c> and
/// <c>--requirepass PASSWORD</c>, with no config file. As in redis-server, an option takes every following
/// argument up to the next <c>--name</c>, names are case-insensitive and a later option wins.
/// </summary>
internal sealed record RedisServerArguments
{
    private static readonly string Accepted = "--bind, --port, --protected-mode, --save, --appendonly and --requirepass";

    /// <summary>Addresses to listen on; empty = redis-server's default (every interface, loopback only in protected mode).</summary>
    public IReadOnlyList<IPAddress> Bind { get; init; } = [];

    /// <summary>TCP port; redis-server's default 6379.</summary>
    public int Port { get; init; } = 6379;

    /// <summary>redis-server's protected mode (default on): with no bind address and no password, listen on loopback only.</summary>
    public bool ProtectedMode { get; init; } = true;

    /// <summary>The password clients must AUTH with; null = none.</summary>
    public string? Password { get; init; }

    /// <summary>Persistence the command line asks for; the stand-in keeps data in memory only and says so at start.</summary>
    public IReadOnlyList<string> IgnoredPersistence { get; init; } = [];

    /// <summary>Parses redis-server arguments.</summary>
    /// <exception cref="RedisArgumentException">An unknown option, a config file, or a bad value; the message is one sentence.</exception>
    public static RedisServerArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new RedisArgumentException(
                $"The Garnet stand-in for redis-server reads no config file or short option ('{args[0]}'); pass settings as --name value ({Accepted}).");
        }

        var result = new RedisServerArguments();
        var ignored = new List<string>();
        for (var i = 0; i < args.Count;)
        {
            var name = args[i];
            var values = new List<string>();
            for (i++; i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                values.Add(args[i]);
            }

            result = name.ToLowerInvariant() switch
            {
                "--bind" => result with { Bind = ParseBind(name, values) },
                "--port" => result with { Port = ParsePort(name, values) },
                "--protected-mode" => result with { ProtectedMode = ParseYesNo(name, values) },
                "--requirepass" => result with { Password = Single(name, values) is { Length: > 0 } password ? password : null },
                "--save" => ParseSave(result, name, values, ignored),
                "--appendonly" => ParseYesNo(name, values) ? Note(result, ignored, "--appendonly yes") : result,
                _ => throw new RedisArgumentException($"Unknown redis-server option '{name}': the Garnet stand-in for redis-server accepts {Accepted}."),
            };
        }

        return result with { IgnoredPersistence = ignored.Distinct(StringComparer.Ordinal).ToList() };
    }

    private static RedisServerArguments Note(RedisServerArguments result, List<string> ignored, string what)
    {
        ignored.Add(what);
        return result;
    }

    private static List<IPAddress> ParseBind(string name, List<string> values)
    {
        // redis-server re-splits each argument on spaces ("--bind '127.0.0.1 ::1'" is two addresses).
        var words = values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (words.Count == 0)
        {
            throw new RedisArgumentException($"Option {name} needs at least one address.");
        }

        return words.Select(word =>
        {
            // "-ADDR" marks an optional address in redis.conf; "*" and "::*" mean every IPv4 / IPv6 interface.
            var address = word.TrimStart('-');
            return address switch
            {
                "*" => IPAddress.Any,
                "::*" => IPAddress.IPv6Any,
                _ when IPAddress.TryParse(address, out var ip) => ip,
                _ => throw new RedisArgumentException($"Invalid {name} address '{word}': expected an IP address, '*' or '::*'."),
            };
        }).ToList();
    }

    private static int ParsePort(string name, List<string> values) =>
        int.TryParse(Single(name, values), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new RedisArgumentException($"Invalid {name} '{values[0]}': expected a TCP port from 1 to 65535.");

    private static bool ParseYesNo(string name, List<string> values) => Single(name, values).ToLowerInvariant() switch
    {
        "yes" => true,
        "no" => false,
        var other => throw new RedisArgumentException($"Invalid {name} '{other}': expected yes or no."),
    };

    private static RedisServerArguments ParseSave(RedisServerArguments result, string name, List<string> values, List<string> ignored)
    {
        // `--save ""` turns snapshots off; otherwise SECONDS CHANGES pairs, possibly in one argument.
        var words = values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (values.Count == 0 || words.Count % 2 != 0 || words.Any(w => !long.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new RedisArgumentException($"Invalid {name} '{string.Join(' ', values)}': expected \"\" or SECONDS CHANGES pairs.");
        }

        return words.Count == 0 ? result : Note(result, ignored, $"--save \"{string.Join(' ', words)}\"");
    }

    private static string Single(string name, List<string> values) =>
        values.Count == 1 ? values[0] : throw new RedisArgumentException($"Option {name} takes exactly one value, got {values.Count}.");
}
