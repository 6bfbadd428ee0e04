using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Tests.Load;

public class K6LineParserTests
{
    private const string Message = "ZD_ATTEMPT seq=12 start_ms=1735732800123 latency_ms=41 status=200 error_code=0 ok=1";

    private static readonly AttemptRecord Expected = new(
        AttemptSources.K6, 12, DateTimeOffset.FromUnixTimeMilliseconds(1735732800123), TimeSpan.FromMilliseconds(41),
        AttemptOutcome.Success, 200, AttemptErrorKind.None);

    // Format: k6 prints console.log through logrus' text formatter when stderr is not a terminal
    // (as in a pod): time="RFC3339" level=info msg="<Go-quoted message>" source=console. Seen in
    // grafana/k6's own cmd tests (`level=info msg="***SECRET_REDACTED***" source=console`) and in
    // `kubectl logs` of k6 pods.
    [Fact]
    public void Parses_a_line_in_k6s_logfmt_console_format()
    {
        K6LineParser.TryParse($"time=\"2025-01-01T12:00:00Z\" level=info msg=\"{Message}\" source=console", out var attempt).Should().BeTrue();

        attempt.Should().Be(Expected);
    }

    // Format: `kubectl logs --timestamps` / pods/log?timestamps=true prefixes each line with the
    // kubelet's RFC3339Nano receive time and a space.
    [Fact]
    public void Parses_a_line_with_kubectls_timestamp_prefix()
    {
        K6LineParser.TryParse($"2025-01-01T12:00:00.123456789Z time=\"2025-01-01T12:00:00Z\" level=info msg=\"{Message}\" source=console", out var attempt)
            .Should().BeTrue();

        attempt.Should().Be(Expected);
    }

    // Format: `k6 run --log-format=json` writes one logrus JSON object per line with level, msg, source, time.
    [Fact]
    public void Parses_a_line_in_k6s_json_log_format()
    {
        K6LineParser.TryParse($"{{\"level\":\"info\",\"msg\":\"{Message}\",\"source\":\"console\",\"time\":\"2025-01-01T12:00:00Z\"}}", out var attempt)
            .Should().BeTrue();

        attempt.Should().Be(Expected);
    }

    // Format: `k6 run --log-format=raw` writes the message alone.
    [Fact]
    public void Parses_a_raw_message_line()
    {
        K6LineParser.TryParse(Message, out var attempt).Should().BeTrue();

        attempt.Should().Be(Expected);
    }

    // Format: logrus quotes values with Go's %q, so quotes and backslashes in msg are escaped.
    [Fact]
    public void Unquotes_go_escapes_inside_msg()
    {
        K6LineParser.ExtractMessage("time=\"2025-01-01T12:00:00Z\" level=info msg=\"say \\\"hi\\\" \\\\ \\u00e9\\tend\" source=console")
            .Should().Be("say \"hi\" \\ é\tend");
    }

    [Theory]
    [InlineData("time=\"2025-01-01T12:00:00Z\" level=info msg=\"setup done\" source=console")]
    [InlineData("running (0m01.0s), 01/10 VUs, 5 complete and 0 interrupted iterations")]
    [InlineData("time=\"2025-01-01T12:00:00Z\" level=info msg=\"ZD_ATTEMPT seq=1 start_ms=oops latency_ms=1 status=0 error_code=0 ok=0\" source=console")]
    [InlineData("time=\"2025-01-01T12:00:00Z\" level=info msg=\"ZD_ATTEMPT seq=1 start_ms=1735")]
    [InlineData("")]
    public void Ignores_lines_that_are_not_complete_attempt_lines(string line)
    {
        K6LineParser.TryParse(line, out _).Should().BeFalse();
    }

    // Codes: https://grafana.com/docs/k6/latest/javascript-api/error-codes/ (1050 request timeout,
    // 1211 dial timeout, 1212 connection refused, 1220 reset by peer, 15xx HTTP 5xx).
    [Theory]
    [InlineData(0, 1050, AttemptErrorKind.Timeout)]
    [InlineData(0, 1211, AttemptErrorKind.Timeout)]
    [InlineData(0, 1212, AttemptErrorKind.ConnectionRefused)]
    [InlineData(0, 1220, AttemptErrorKind.ConnectionReset)]
    [InlineData(503, 1503, AttemptErrorKind.HttpStatus)]
    [InlineData(200, 0, AttemptErrorKind.BadBody)]
    [InlineData(0, 1101, AttemptErrorKind.Other)]
    public void Maps_k6_status_and_error_codes_to_error_kinds(int status, int errorCode, AttemptErrorKind expected)
    {
        var line = $"ZD_ATTEMPT seq=3 start_ms=1735732800000 latency_ms=30000 status={status} error_code={errorCode} ok=0";

        K6LineParser.TryParse(line, out var attempt).Should().BeTrue();

        attempt.ErrorKind.Should().Be(expected);
        attempt.Outcome.Should().Be(AttemptOutcome.Failure);
        attempt.HttpStatus.Should().Be(status == 0 ? null : status);
        attempt.Detail.Should().Be(errorCode == 0 ? null : $"k6 error_code {errorCode}");
    }

    [Fact]
    public void Parse_all_keeps_only_attempt_lines_in_order()
    {
        var lines = new[]
        {
            "time=\"2025-01-01T12:00:00Z\" level=info msg=\"ZD_ATTEMPT seq=0 start_ms=1000 latency_ms=5 status=200 error_code=0 ok=1\" source=console",
            "running (0m01.0s), 01/10 VUs, 1 complete and 0 interrupted iterations",
            "time=\"2025-01-01T12:00:00Z\" level=info msg=\"ZD_ATTEMPT seq=1 start_ms=1200 latency_ms=3 status=0 error_code=1212 ok=0\" source=console",
        };

        K6LineParser.ParseAll(lines).Select(a => (a.Sequence, a.Succeeded)).Should().Equal((0L, true), (1L, false));
    }
}
