using Galen.Core.Privacy;

namespace Galen.Text.Deid.Structured;

/// <summary>One column: its name, its role and, for identifiers, the PHI type (which keys its pseudonym).</summary>
public sealed record ColumnSpec(string Name, ColumnRole Role, PhiType IdentifierType = PhiType.OtherIdentifier);

/// <summary>A table's columns in order; exactly one column is the patient key.</summary>
public sealed record TableSchema(string Name, IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>
    /// Index of the column that names the row's patient: the <see cref="ColumnRole.PatientId"/>
    /// column when there is one, else the <see cref="ColumnRole.PatientKey"/> column. Each role may
    /// appear once.
    /// </summary>
    public int PatientKeyColumn
    {
        get
        {
            int id = Single(ColumnRole.PatientId);
            int key = Single(ColumnRole.PatientKey);
            return id >= 0 ? id
                : key >= 0 ? key
                : throw new Core.Errors.GalenConfigurationException($"Table {Name} has no patient-key column.", "Mark the column holding the patient's id (subject_id, person_id) as the patient key.");
        }
    }

    private int Single(ColumnRole role)
    {
        int index = -1;
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Role == role)
            {
                if (index >= 0)
                {
                    throw new Core.Errors.GalenConfigurationException($"Table {Name} has two {role} columns ({Columns[index].Name}, {Columns[i].Name}).", "Mark exactly one column as the patient key.");
                }

                index = i;
            }
        }

        return index;
    }
}
