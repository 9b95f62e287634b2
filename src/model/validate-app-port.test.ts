import { describe, expect, it } from 'vitest';
import { parseShareLink } from './url-state';
import { validateConfig } from './validate';
import { choiceAppPortErrors, undeliverableComponents } from './validate-app-port';

const config = (link: string) => parseShareLink('', link).config;

const AKS =
  'host=aks&resourceGroup=rg-orders&hostName=aks-prod&identityName=id-orders&deployment=orders-api&appId=orders-api';
const EH_PUBSUB =
  'component=pubsub.azure.eventhubs&name=eh-pubsub&m.eventHubNamespace=eh-orders.servicebus.windows.net&m.storageAccountName=stcheckpoints&m.storageContainerName=checkpoints';
const EH_BINDING =
  'c2.component=bindings.azure.eventhubs&c2.m.eventHubNamespace=eh-orders.servicebus.windows.net&c2.m.eventHub=telemetry&c2.m.consumerID=%24Default&c2.m.storageAccountName=stcheckpoints&c2.m.storageContainerName=checkpoints';

describe('a component that delivers to the app needs the app port', () => {
  it('flags the App port and the choice of each receiving component, naming them', () => {
    const subscribing = config(`${AKS}&${EH_PUBSUB}&ehAccess=subscribe&${EH_BINDING}&c2.ehDirection=input`);
    expect(validateConfig(subscribing).appPort).toMatch(/^eh-pubsub, eventhubs-binding deliver .*app port/);
    const choiceErrors = choiceAppPortErrors(subscribing);
    expect(Object.keys(choiceErrors)).toEqual(['0', '1']);
    expect(choiceErrors[0]?.ehAccess).toContain('“Publish only”');
    expect(choiceErrors[1]?.ehDirection).toContain('“Output only”');
  });

  it('says nothing once the port is given, or when the components only send', () => {
    expect(validateConfig(config(`${AKS}&appPort=8080&${EH_PUBSUB}&ehAccess=both`)).appPort).toBeUndefined();
    const sending = config(`${AKS}&${EH_PUBSUB}&ehAccess=publish&${EH_BINDING}&c2.ehDirection=output`);
    expect(undeliverableComponents(sending)).toEqual([]);
    expect(validateConfig(sending).appPort).toBeUndefined();
  });

  it('covers Service Bus subscribers too', () => {
    const link = `host=webapp&resourceGroup=rg-orders&hostName=orders-web&appId=orders-web&component=pubsub.azure.servicebus.topics&m.namespaceName=sb-orders.servicebus.windows.net&sbAccess=both`;
    expect(validateConfig(config(link)).appPort).toMatch(/^pubsub delivers/);
  });

  it('asks a VM and a scale set for it too (the dapr run line the script prints takes --app-port)', () => {
    for (const host of ['vm', 'vmss']) {
      const link = `host=${host}&resourceGroup=rg-orders&hostName=vm-orders&appId=orders-api&${EH_PUBSUB}&ehAccess=subscribe`;
      expect(validateConfig(config(link)).appPort).toMatch(/^eh-pubsub delivers/);
      expect(validateConfig(config(`${link}&appPort=8080`)).appPort).toBeUndefined();
    }
  });

  it('leaves hosts without the App port field alone (a function app sets its Dapr itself)', () => {
    const link = `host=functionapp&resourceGroup=rg-orders&hostName=func-orders&appId=orders-api&${EH_PUBSUB}&ehAccess=subscribe`;
    expect(undeliverableComponents(config(link))).toEqual([]);
  });
});
