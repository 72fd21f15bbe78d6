using System.Globalization;
using Galen.Serve.Tests.Support;
using Microsoft.Playwright;

namespace Galen.Serve.Tests.Dashboard;

public sealed class DashboardBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string KnownPatient = "MRN-99887766";

    private string ExpectedPercent(string patient)
    {
        var snapshots = TestPatientStore.Patients[patient].Snapshots;
        double risk = LogisticTestModel.Risk(fixture.Bundle, snapshots[^1]);
        return (risk * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>A page that records console errors and failed page scripts.</summary>
    private async Task<(IPage Page, List<string> Errors, IBrowserContext Context)> OpenAsync(bool signedIn)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 800 } });
        if (signedIn)
        {
            await context.AddInitScriptAsync($"sessionStorage.setItem('galen-api-key', '{ServeFactory.ClinicianKey}');");
        }

        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text + " at " + message.Location);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors, context);
    }

    [Fact]
    public async Task The_patient_list_signs_in_with_a_key_and_shows_a_known_patients_risk()
    {
        var (page, errors, context) = await OpenAsync(signedIn: false);
        await using var _ = context;
        await page.GotoAsync(fixture.BaseUrl + "/dashboard/");
        await page.FillAsync("#key-input", ServeFactory.ClinicianKey);
        await page.ClickAsync("#key-form button[type=submit]");

        var risk = page.Locator($"tr[data-patient='{KnownPatient}'] td.risk");
        await Assertions.Expect(risk).ToHaveTextAsync(ExpectedPercent(KnownPatient));
        await Assertions.Expect(page.Locator("#patients tbody tr")).ToHaveCountAsync(3);
        Assert.Equal(KnownPatient, await page.Locator("#patients tbody tr").First.GetAttributeAsync("data-patient"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "patients.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_patient_page_shows_the_risk_its_top_reasons_and_a_trend()
    {
        var (page, errors, context) = await OpenAsync(signedIn: true);
        await using var _ = context;
        await page.GotoAsync($"{fixture.BaseUrl}/dashboard/patient.html?id={KnownPatient}&model=mortality");

        await Assertions.Expect(page.GetByTestId("risk")).ToHaveTextAsync(ExpectedPercent(KnownPatient));
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#reasons li").First).ToContainTextAsync("last lactate 4.2 mmol/L (raises risk)");
        await Assertions.Expect(page.Locator("#trend svg circle")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#indicator")).ToHaveTextAsync("critical");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "patient.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_model_card_page_shows_intended_use_metrics_features_and_lineage()
    {
        var (page, errors, context) = await OpenAsync(signedIn: true);
        await using var _ = context;
        await page.GotoAsync($"{fixture.BaseUrl}/dashboard/model.html?id=mortality");

        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync("Inpatient mortality — version 1");
        await Assertions.Expect(page.Locator("#metrics tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#features tbody tr")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#reporting tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#reporting tbody tr").Nth(0)).ToContainTextAsync("Death before discharge from the index stay");
        await Assertions.Expect(page.Locator("#reporting tbody tr").Nth(1)).ToContainTextAsync("not stated");
        await Assertions.Expect(page.Locator("#lineage")).ToContainTextAsync("sha256:4be1c0ffee");
        await Assertions.Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "model-card.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_wrong_key_brings_back_the_sign_in_form_without_showing_data()
    {
        var (page, _, context) = await OpenAsync(signedIn: false);
        await using var __ = context;
        await page.GotoAsync(fixture.BaseUrl + "/dashboard/");
        await page.FillAsync("#key-input", "glk_wrong");
        await page.ClickAsync("#key-form button[type=submit]");

        await Assertions.Expect(page.Locator("#key-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#key-form p")).ToContainTextAsync("not accepted");
        Assert.Equal(0, await page.Locator("#patients tbody tr").CountAsync());
    }
}
