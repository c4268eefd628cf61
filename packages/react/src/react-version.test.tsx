import { render, screen } from '@testing-library/react';
import { useState, version } from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { describe, expect, inject, it } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    reactMajor: number;
  }
}

function Hooked() {
  const [value] = useState('one React');
  return <p>{value}</p>;
}

// The same suite runs in the `react` project (React 19) and the `react-18` project (React 18
// through aliases): this proves which React each one really loaded.
describe('the React this project runs on', () => {
  const major = inject('reactMajor');

  it(`is React ${major}, for react, react-dom and Testing Library alike`, () => {
    expect(version.split('.')[0]).toBe(String(major));
    expect(domVersion.split('.')[0]).toBe(String(major));
    // A Testing Library bound to another React copy would fail on the first hook.
    render(<Hooked />);
    expect(screen.getByText('one React')).toBeTruthy();
    expect(renderToString(<Hooked />)).toBe('<p>one React</p>');
  });
});
