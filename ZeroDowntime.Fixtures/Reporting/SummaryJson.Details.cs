using System.Text.Json;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The <c>details</c> object of one test.</summary>
public static partial class SummaryJson
{
    private static void WriteDetails(Utf8JsonWriter json, ScenarioResult scenario)
    {
        json.WriteStartObject("details");
        foreach (var detail in scenario.Details.All)
        {
            if (detail.IsList)
            {
                Strings(json, detail.Key, detail.Values);
            }
            else
            {
                json.WriteString(detail.Key, ReportText.OneLine(detail.Values[0]));
            }
        }

        json.WriteEndObject();
    }
}
