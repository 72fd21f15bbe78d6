using Galen.Core.Errors;

namespace Galen.Core.Tests.Errors;

public sealed class GalenInputExceptionTests
{
    [Fact]
    public void Message_names_file_line_field_and_value_then_the_problem_and_the_remedy()
    {
        var error = new GalenInputException(
            "admission time is after discharge time.",
            new SourceLocation("ADMISSIONS.csv", 17, "ADMITTIME", "2150-01-03 10:00"),
            "Fix the row or drop it; it has been quarantined.");

        Assert.Equal(
            "ADMISSIONS.csv:17 field 'ADMITTIME' value '2150-01-03 10:00': admission time is after discharge time. Fix the row or drop it; it has been quarantined.",
            error.Message);
        Assert.True(error.IsUserError);
    }

    [Fact]
    public void Location_parts_are_optional()
    {
        Assert.Equal("bundle.json", new SourceLocation("bundle.json").ToString());
        Assert.Equal("Patient/p-1 field 'birthDate'", new SourceLocation("Patient/p-1", Field: "birthDate").ToString());
    }

    [Fact]
    public void Internal_errors_are_not_user_errors()
    {
        Assert.False(new GalenInternalException("libtorch failed").IsUserError);
        Assert.True(new GalenConfigurationException("--epochs must be positive").IsUserError);
    }
}
