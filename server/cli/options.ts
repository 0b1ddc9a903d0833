/** Option parsers shared by the commands: each names the option and what it wants. */
import { InvalidArgumentError } from 'commander';

export const wholeNumberOption = (name: string, min: number) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}.`);
  return number;
};
