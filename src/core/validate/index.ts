export { describeProblem, invalid, InvalidInput, under, valid, validator, type Checked, type PathPart, type Problem, type Valid, type Validator } from './validator.js';
export { literal, map, oneOf, optional, refine, union, withDefault, type Rule } from './combinators.js';
export { integer, matching, number, numberAbove, numeric, string, text } from './values.js';
export { arrayOf, closedObject, object, openObject, plainObject, type ObjectOf, type Shape } from './objects.js';
