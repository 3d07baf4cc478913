/**
 * TEST DOUBLE — never shipped, never used outside tests.
 *
 * EventStoreDB's `event_store.client.gossip.Gossip` service, answering that the cluster is one
 * alive leader: the double itself. It lets clients connect with discovery connection strings
 * (`esdb+discover://host:port`) and with several gossip seeds.
 */
import * as grpc from '@grpc/grpc-js';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { Empty, UUID } from '@eventstore/db-client/generated/shared_pb';

export { GossipService };

export function gossipServiceImplementation(self: () => { address: string; port: number }, instanceId: string): grpc.UntypedServiceImplementation {
  return {
    read: (_call: grpc.ServerUnaryCall<Empty, ClusterInfo>, callback: grpc.sendUnaryData<ClusterInfo>) => {
      const endpoint = new EndPoint();
      endpoint.setAddress(self().address);
      endpoint.setPort(self().port);
      const id = new UUID();
      id.setString(instanceId);
      const member = new MemberInfo();
      member.setInstanceId(id);
      member.setTimeStamp(String(Date.now()));
      member.setState(MemberInfo.VNodeState.LEADER);
      member.setIsAlive(true);
      member.setHttpEndPoint(endpoint);
      const info = new ClusterInfo();
      info.setMembersList([member]);
      callback(null, info);
    },
  };
}
