using System.Text;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// The request that stops k6 through its REST API: <c>PATCH /v1/status</c> with
/// <c>{"data":{"type":"status","id":"default","attributes":{"stopped":true}}}</c> and
/// <c>Content-Type: application/json</c>. k6 then runs teardown and handleSummary and exits 103.
/// </summary>
public static class K6JobStopRequest
{
    /// <summary>The path on k6's REST API.</summary>
    public const string Path = "/v1/status";

    /// <summary>The body's content type.</summary>
    public const string ContentType = "application/json";

    /// <summary>The body as text.</summary>
    public const string Json = """{"data":{"type":"status","id":"default","attributes":{"stopped":true}}}""";

    /// <summary>The body as UTF-8 bytes.</summary>
    public static byte[] Body => Encoding.UTF8.GetBytes(Json);
}
