using Galen.Serve.Audit;
using Galen.Serve.Tests.Support;

namespace Galen.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class DeidentificationTests(SharedServe serve)
{
    private readonly ServeFactory _factory = serve.Factory;

    [Fact]
    public async Task Text_comes_back_de_identified_with_the_kinds_and_places_found_and_the_audit_keeps_only_a_hash()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ScientistKey);
        string note = $"Seen today: {FhirFixtures.PatientName} {FhirFixtures.PatientFamily}, 81, with sepsis.";

        var result = await Http.ReadJson(await client.PostAsync("/api/deidentify", Http.Json(new { text = note })));

        Assert.Equal("Seen today: [NAME] [NAME], 81, with sepsis.", result.GetProperty("text").GetString());
        var found = result.GetProperty("found").EnumerateArray().ToArray();
        Assert.Equal(2, found.Length);
        Assert.Equal(12, found[0].GetProperty("start").GetInt32());
        Assert.Equal("PatientName", found[0].GetProperty("type").GetString());
        var audit = await PredictionTests.ReadAuditAsync(_factory.Options.ResolvedAuditLogPath);
        Assert.Contains(audit, l => AuditLineFormat.Parse(l)!.Record.Event.Action == AuditEvent.Actions.Deidentification);
        Assert.DoesNotContain(audit, l => l.Contains(FhirFixtures.PatientFamily, StringComparison.Ordinal));
    }
}
