/**
 * The benchmark's floor: the smallest page that really uses the wizard's four libraries (React, react-dom,
 * react-hook-form and js-yaml): one useForm field whose value is echoed through js-yaml's dump. Plain
 * createElement rather than JSX keeps it inside tsconfig.node.json, which type-checks scripts/ without JSX.
 */
import { createElement as h, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useForm, useWatch } from 'react-hook-form';
import { dump } from 'js-yaml';
import './floor.css';

interface FloorForm {
  name: string;
}

function Floor() {
  const { control, register } = useForm<FloorForm>({ defaultValues: { name: 'orders' } });
  const name = useWatch({ control, name: 'name' });
  return h(
    'main',
    null,
    h('h1', null, 'Benchmark floor'),
    h(
      'form',
      { onSubmit: (event: { preventDefault(): void }) => event.preventDefault() },
      h('label', { htmlFor: 'name' }, 'Name'),
      h('input', { id: 'name', type: 'text', autoComplete: 'off', spellCheck: false, ...register('name') }),
    ),
    h('pre', null, h('code', { 'data-output': 'echo' }, dump({ metadata: { name } }))),
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(h(StrictMode, null, h(Floor)));
