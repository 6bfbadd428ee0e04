using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Security;

/// <summary>
/// Issues and checks ServiceAccount bearer tokens (what the TokenRequest API returns): the
/// ServiceAccount's namespace, name, UID and expiry, signed with a key that lives only as long as the
/// cluster. A token stops working when it expires or its ServiceAccount is deleted (bound tokens do).
/// </summary>
public sealed class ServiceAccountTokens
{
    private const string Prefix = "zdsa.";
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the issuer for <paramref name="store"/>'s ServiceAccounts.</summary>
    public ServiceAccountTokens(ObjectStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>A token for ServiceAccount <paramref name="ns"/>/<paramref name="name"/> (which must exist), valid until <paramref name="expires"/>.</summary>
    public string Issue(string ns, string name, string uid, DateTimeOffset expires)
    {
        var claims = string.Join('\n', ns, name, uid, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims));
        return Prefix + payload + "." + Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload)));
    }

    /// <summary>The user a token authenticates as, or null when it is not a valid, current ServiceAccount token.</summary>
    public UserInfo? Authenticate(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.StartsWith(Prefix, StringComparison.Ordinal) ? token[Prefix.Length..].Split('.') : [];
        if (parts.Length != 2 || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(parts[1]), Encoding.ASCII.GetBytes(Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0]))))))
        {
            return null;
        }

        var claims = Encoding.UTF8.GetString(FromBase64Url(parts[0])).Split('\n');
        if (claims.Length != 4 || !long.TryParse(claims[3], CultureInfo.InvariantCulture, out var expires)
            || _time.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return null;
        }

        var type = _store.Catalog.Find("", "serviceaccounts");
        return type is not null && _store.Get(type, claims[0], claims[1]) is { } account && account.Uid == claims[2]
            ? UserInfo.ServiceAccount(claims[0], claims[1])
            : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
