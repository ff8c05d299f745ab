import type { EnrolmentCondition } from '../../api/enrolments';

/** What Wasl knows of a person that a program's conditions ask about. */
export interface PersonFacts {
  category: string;
  gender: string;
  birth_date: string | null;
  eligibility: string;
}

/** Who a program is for, as the catalog holds it. */
export interface ProgramAudience {
  /** JSON array of categories; empty is everyone. */
  categories: string;
  gender: string | null;
  age_min: number | null;
  age_max: number | null;
}

/** Whole years between a birth date and a day (both yyyy-mm-dd), as people count their age. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The program's conditions the person does not meet, from what Wasl knows of them on `today`, in a
 * fixed order (the refusal names the first). An age range with no birth date on file is not met: the
 * officer records the birth date, or a supervisor lets them in.
 */
export function unmetConditions(person: PersonFacts, program: ProgramAudience, today: string): EnrolmentCondition[] {
  const unmet: EnrolmentCondition[] = [];
  const categories = JSON.parse(program.categories) as string[];
  if (categories.length > 0 && !categories.includes(person.category)) unmet.push('category');
  if (program.gender !== null && program.gender !== person.gender) unmet.push('gender');
  if (program.age_min !== null || program.age_max !== null) {
    if (person.birth_date === null) unmet.push('ageUnknown');
    else {
      const age = ageOn(person.birth_date, today);
      if ((program.age_min !== null && age < program.age_min) || (program.age_max !== null && age > program.age_max)) unmet.push('age');
    }
  }
  // The association's services are for those its policy found eligible.
  if (person.eligibility !== 'eligible') unmet.push('eligibility');
  return unmet;
}
