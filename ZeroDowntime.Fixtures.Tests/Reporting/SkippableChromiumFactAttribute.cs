using Xunit;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>A fact that is reported skipped, with the reason, on machines without Chromium.</summary>
public sealed class SkippableChromiumFactAttribute : FactAttribute
{
    public SkippableChromiumFactAttribute()
    {
        if (ChromiumScreenshot.Executable is null)
        {
            Skip = "Chromium is not installed (looked for /usr/bin/chromium, chromium-browser, google-chrome); the HTML report is not rendered.";
        }
    }
}
